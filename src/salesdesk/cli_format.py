"""Human-readable rendering of a sale summary for the terminal."""

from __future__ import annotations

from decimal import Decimal

from salesdesk.sales.views import STEP_TITLES, SaleSummary

_MARK = {"done": "✔", "stale": "!", "empty": "·", "invalid": "✘"}


def format_summary(s: SaleSummary) -> str:
    out: list[str] = []
    out.append(f"Sale {s.workflow_id}")
    out.append(f"  status      {s.status.replace('_', ' ')}")
    out.append(f"  step        {STEP_TITLES.get(s.current_step, s.current_step)}")
    out.append(f"  agent       {s.agent} on device {s.device}")
    out.append(f"  price list  {s.price_list_version} ({s.price_list_hash[:12]})")
    out.append(f"  valid until {s.expires_at[:10]}")
    if s.order_number:
        out.append(f"  order       {s.order_number}")
    out.append("")
    out.append("Steps")
    for step in s.steps:
        note = f"  ({step.note})" if step.note else ""
        out.append(
            f"  {_MARK.get(step.status, '?')} {STEP_TITLES[step.name]:<9} {step.status}{note}"
        )
    if s.customer:
        c = s.customer
        out.append("")
        out.append("Customer")
        valid = {True: "valid in VIES", False: "NOT valid in VIES", None: "not checked yet"}
        out.append(f"  VAT number  {c.vat_number} ({valid[c.vat_valid]})")
        name_note = " (entered by agent)" if c.name_overridden else ""
        out.append(f"  name        {c.company_name or '-'}{name_note}")
        address = (c.address or "-").replace("\n", ", ")
        out.append(
            f"  address     {address}{' (entered by agent)' if c.address_overridden else ''}"
        )
        if c.consultation_number:
            out.append(f"  VIES ref.   {c.consultation_number}")
    if s.lines:
        out.append("")
        out.append("Lines")
        for line in s.lines:
            disc = f" -{line.discount_percent}%" if Decimal(line.discount_percent) else ""
            out.append(
                f"  {line.quantity:>5} x {line.sku:<18} {line.name[:34]:<34} "
                f"{line.unit_price:>10}{disc:>8}  VAT {line.vat_rate:>5}%  {line.gross:>12}"
            )
    t = s.totals
    out.append("")
    out.append(f"Totals ({t.currency})")
    out.append(f"  net    {t.net:>14}")
    for group in t.vat_breakdown:
        out.append(f"  VAT {group.rate:>4}% on {group.base:>12} = {group.vat:>10}")
    out.append(f"  VAT    {t.vat:>14}")
    out.append(f"  gross  {t.gross:>14}")
    if s.lookups:
        out.append("")
        out.append("Lookups")
        for lk in s.lookups:
            extra = ""
            if lk.status in ("backoff", "waiting_for_network") and lk.next_try:
                extra = f", next try {lk.next_try}"
            if lk.error or lk.last_error:
                extra += f", {lk.error or lk.last_error}"
            out.append(
                f"  #{lk.activity_id:<3} {lk.kind:<8} {lk.status.replace('_', ' ')} "
                f"(attempts {lk.attempts}){extra}"
            )
    if s.approval.required:
        out.append("")
        by = f" by {s.approval.decided_by}" if s.approval.decided_by else ""
        comment = f": {s.approval.comment}" if s.approval.comment else ""
        out.append(
            f"Discount approval: {s.approval.status}{by}{comment} "
            f"(max discount {s.approval.max_discount}% > {s.approval.threshold}%)"
        )
    if s.problems:
        out.append("")
        out.append("Before it can be submitted")
        for problem in s.problems:
            out.append(f"  - {problem}")
    return "\n".join(out)
