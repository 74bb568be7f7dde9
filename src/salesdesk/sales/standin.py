"""Offline stand-in lookups for a profile with no server login.

They answer deterministically from the VAT number so that a sale can be scripted end to
end on a laptop with no server. Real lookups go through the server's gateway (see
``salesdesk.sync``), which speaks the real VIES, credit bureau and geocoder protocols.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from salesdesk.flow.runner import ActivityContext, ActivityFn
from salesdesk.sales.lookup_models import (
    AddressCheckInput,
    CompanyInfo,
    CompanyLookupInput,
    CreditCheckInput,
    CreditDecision,
    NormalizedAddress,
)

# One plausible company per country, so a stand-in answer at least looks local.
_BY_COUNTRY = {
    "HU": ("Kovács és Társa Kft.", "Nádor utca 7\n1051 Budapest"),
    "DE": ("Müller Bürotechnik GmbH", "Marienplatz 8\n80331 München"),
    "FR": ("Dupont Informatique SARL", "12 Rue de la Paix\n75002 Paris"),
    "IT": ("Rossi Forniture S.r.l.", "Via Dante 4\n20121 Milano"),
    "NL": ("Jansen Kantoor B.V.", "Damrak 70\n1012 LM Amsterdam"),
    "PL": ("Nowak Systemy Sp. z o.o.", "ul. Nowy Świat 15\n00-001 Warszawa"),
}
_FALLBACK = ("Stand-in Trading Ltd.", "1 Example Street\n1000 Brussels")


def company_lookup(payload: Any, ctx: ActivityContext) -> dict[str, Any]:
    inp = CompanyLookupInput.model_validate(payload)
    name, address = _BY_COUNTRY.get(inp.country_code, _FALLBACK)
    return CompanyInfo(
        valid=True,
        name=name,
        address=address,
        country_code=inp.country_code,
        vat_number=inp.vat_number,
        consultation_number=f"STANDIN-{inp.country_code}{inp.vat_number}",
        request_date=datetime.now(UTC),
    ).model_dump(mode="json")


def credit_check(payload: Any, ctx: ActivityContext) -> dict[str, Any]:
    inp = CreditCheckInput.model_validate(payload)
    limit = Decimal(50000)
    return CreditDecision(
        approved=inp.gross_total <= limit,
        limit=limit,
        rating="B",
        reference=f"STANDIN-{inp.vat_number}",
        reason=None if inp.gross_total <= limit else "amount above the stand-in limit",
    ).model_dump(mode="json")


def address_check(payload: Any, ctx: ActivityContext) -> dict[str, Any]:
    inp = AddressCheckInput.model_validate(payload)
    return NormalizedAddress(
        found=True, display=" ".join(inp.address.split()), country_code=inp.country_code
    ).model_dump(mode="json")


STANDIN_ACTIVITIES: dict[str, ActivityFn] = {
    "company_lookup": company_lookup,
    "credit_check": credit_check,
    "address_check": address_check,
}
