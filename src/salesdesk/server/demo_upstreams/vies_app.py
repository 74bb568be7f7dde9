"""A stand-in for the EU VIES REST API (``.../taxation_customs/vies/rest-api``).

Answers like the real one: HTTP 200 with ``isValid``/``userError`` for checks (failures of the
service included), ``{"actionSucceed": false, "errorWrappers": [...]}`` with HTTP 400 for
malformed input. The VIES test service's numbers work with any country code:

    100 valid · 200 invalid · 201 INVALID_INPUT · 202 INVALID_REQUESTER_INFO
    300 SERVICE_UNAVAILABLE · 301 MS_UNAVAILABLE · 302 TIMEOUT · 400 VAT_BLOCKED
    401 IP_BLOCKED · 500 GLOBAL_MAX_CONCURRENT_REQ · 501 GLOBAL_MAX_CONCURRENT_REQ_TIME
    600 MS_MAX_CONCURRENT_REQ · 601 MS_MAX_CONCURRENT_REQ_TIME

Other numbers are looked up among the demo companies (valid) or answer INVALID. (The real
test service answers SERVICE_UNAVAILABLE for any other number; the demo has a register.)
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from stdnum.eu import vat as eu_vat

from salesdesk.sales.lookup_models import VIES_COUNTRY_CODES
from salesdesk.server.demo_upstreams.data import COMPANIES_BY_VAT
from salesdesk.server.demo_upstreams.settings import DemoSettings

TEST_NUMBERS: dict[str, str] = {
    "100": "VALID",
    "200": "INVALID",
    "201": "INVALID_INPUT",
    "202": "INVALID_REQUESTER_INFO",
    "300": "SERVICE_UNAVAILABLE",
    "301": "MS_UNAVAILABLE",
    "302": "TIMEOUT",
    "400": "VAT_BLOCKED",
    "401": "IP_BLOCKED",
    "500": "GLOBAL_MAX_CONCURRENT_REQ",
    "501": "GLOBAL_MAX_CONCURRENT_REQ_TIME",
    "600": "MS_MAX_CONCURRENT_REQ",
    "601": "MS_MAX_CONCURRENT_REQ_TIME",
}
_NUMBER = re.compile(r"[0-9A-Za-z+*.]{2,12}")
_UNDISCLOSED_APPROXIMATE = {
    "name": "---", "street": "---", "postalCode": "---", "city": "---", "companyType": "---",
    "matchName": 3, "matchStreet": 3, "matchPostalCode": 3, "matchCity": 3,
    "matchCompanyType": 3,
}  # fmt: skip


class CheckVatRequest(BaseModel):
    countryCode: str  # the wire names of VIES
    vatNumber: str
    requesterMemberStateCode: str | None = None
    requesterNumber: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _input_error(message: str) -> JSONResponse:
    body = {
        "actionSucceed": False,
        "errorWrappers": [{"error": "INVALID_INPUT", "message": message}],
    }
    return JSONResponse(body, status_code=400)


def check(settings: DemoSettings, request: CheckVatRequest, *, test_only: bool) -> JSONResponse:
    cc = request.countryCode.strip().upper()
    number = request.vatNumber.strip().upper().replace(" ", "")
    if number.startswith(cc):
        number = number[len(cc) :]
    if cc not in VIES_COUNTRY_CODES:
        return _input_error(f"{cc!r} is not a member state code")
    if not _NUMBER.fullmatch(number):
        return _input_error("The VAT number does not match [0-9A-Za-z+*.]{2,12}")
    answer: dict[str, Any] = {
        "isValid": False,
        "requestDate": _now(),
        "userError": "INVALID",
        "name": "---",
        "address": "---",
        "requestIdentifier": "",
        "originalVatNumber": request.vatNumber,
        "vatNumber": number,
        "viesApproximate": _UNDISCLOSED_APPROXIMATE,
    }
    company = COMPANIES_BY_VAT.get((cc, number))
    if number in TEST_NUMBERS:
        answer["userError"] = TEST_NUMBERS[number]
        if number == "100":
            answer.update(name="John Doe", address="123 Main St, Anytown, UK")
    elif test_only:
        answer["userError"] = "SERVICE_UNAVAILABLE"
    elif cc in settings.vies_unavailable:
        answer["userError"] = "MS_UNAVAILABLE"
    elif company is not None:
        answer.update(userError="VALID", name=company.name, address=company.address)
    answer["isValid"] = answer["userError"] == "VALID"
    if request.requesterMemberStateCode and request.requesterNumber and answer["isValid"]:
        requester = request.requesterMemberStateCode.upper() + request.requesterNumber.upper()
        if eu_vat.is_valid(requester):
            # A consultation number: the proof that this check was made.
            answer["requestIdentifier"] = "WAPI" + secrets.token_hex(6).upper()
        else:
            answer.update(isValid=False, userError="INVALID_REQUESTER_INFO")
    return JSONResponse(answer)


def make_vies_app(settings: DemoSettings) -> FastAPI:
    app = FastAPI(title="Demo VIES REST API", openapi_url=None)

    @app.get("/ms/{country_code}/vat/{vat_number}")
    async def check_vat(
        country_code: str,
        vat_number: str,
        requesterMemberStateCode: str | None = None,
        requesterNumber: str | None = None,
    ) -> JSONResponse:
        request = CheckVatRequest(
            countryCode=country_code,
            vatNumber=vat_number,
            requesterMemberStateCode=requesterMemberStateCode,
            requesterNumber=requesterNumber,
        )
        return check(settings, request, test_only=False)

    @app.post("/check-vat-number")
    async def check_vat_number(request: CheckVatRequest) -> JSONResponse:
        return check(settings, request, test_only=False)

    @app.post("/check-vat-test-service")
    async def check_vat_test_service(request: CheckVatRequest) -> JSONResponse:
        return check(settings, request, test_only=True)

    return app
