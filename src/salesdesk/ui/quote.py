"""The quote as a PDF: customer, lines, totals and the VAT breakdown.

Rendered with QTextDocument onto a QPdfWriter (A4, 300 dpi) into memory, then written
atomically. Both happen on the service thread — QTextDocument and QPdfWriter paint
without a screen, like QImage — so saving a long quote never stalls the window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QStandardPaths
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from salesdesk.ui import texts
from salesdesk.ui.controller import AppController, CallError
from salesdesk.ui.drafts import atomic_write
from salesdesk.ui.i18n import translate

if TYPE_CHECKING:
    from salesdesk.sales.service import SalesService
    from salesdesk.sales.views import SaleSummary


def _labels() -> dict[str, str]:
    """The quote's words, escaped for HTML (one call each, so that lupdate finds them)."""
    words = {
        "vat_number": translate("Quote", "VAT number"),
        "attn": translate("Quote", "Attn."),
        "payment_in_advance": translate("Quote", "Payment in advance."),
        "delivery_on_date": translate("Quote", "Delivery on {date}."),
        "this_quote_is_valid_until_date": translate("Quote", "This quote is valid until {date}."),
        "quote": translate("Quote", "Quote"),
        "prepared_by": translate("Quote", "Prepared by"),
        "price_list": translate("Quote", "Price list"),
        "for": translate("Quote", "For"),
        "product": translate("Quote", "Product"),
        "quantity": translate("Quote", "Quantity"),
        "unit_price": translate("Quote", "Unit price"),
        "discount": translate("Quote", "Discount"),
        "net": translate("Quote", "Net"),
        "vat": translate("Quote", "VAT"),
        "gross": translate("Quote", "Gross"),
        "vat_breakdown": translate("Quote", "VAT breakdown"),
        "rate": translate("Quote", "Rate"),
        "net_before_discount": translate("Quote", "Net before discount"),
        "total": translate("Quote", "Total"),
    }
    return {k: escape(v) for k, v in words.items()}


def quote_number(summary: SaleSummary) -> str:
    return summary.order_number or "Q-" + summary.workflow_id.split("-")[0].upper()


def quote_html(summary: SaleSummary) -> str:
    cur = summary.totals.currency
    L = _labels()
    c = summary.customer
    muted = "#666666"
    border = "#cccccc"
    customer_lines = []
    if c is not None:
        customer_lines.append(f"<b>{escape(c.company_name or c.vat_number)}</b>")
        if c.address:
            customer_lines.append(escape(c.address).replace("\n", "<br>"))
        customer_lines.append(L["vat_number"] + f" {escape(c.vat_number)}")
    if summary.contact:
        customer_lines.append(
            L["attn"] + f" {escape(str(summary.contact.get('name', '')))}"
            f" &lt;{escape(str(summary.contact.get('email', '')))}&gt;"
        )
    rows = []
    for number, line in enumerate(summary.lines, start=1):
        rows.append(
            "<tr>"
            f"<td>{number}</td>"
            f"<td>{escape(line.name)}<br><span style='color:{muted}; font-size:7pt'>"
            f"{escape(line.sku)}</span></td>"
            f"<td align='right'>{line.quantity} {escape(texts.unit_text(line.unit))}</td>"
            f"<td align='right'>{texts.money(line.unit_price, cur)}</td>"
            f"<td align='right'>{texts.percent(line.discount_percent)}</td>"
            f"<td align='right'>{texts.money(line.net, cur)}</td>"
            f"<td align='right'>{texts.percent(line.vat_rate)}</td>"
            f"<td align='right'>{texts.money(line.gross, cur)}</td>"
            "</tr>"
        )
    totals = summary.totals
    vat_rows = "".join(
        f"<tr><td>{texts.percent(g.rate)}</td><td align='right'>{texts.money(g.base, cur)}</td>"
        f"<td align='right'>{texts.money(g.vat, cur)}</td></tr>"
        for g in totals.vat_breakdown
    )
    terms = summary.terms or {}
    term_lines = []
    days = terms.get("payment_terms_days")
    if days is not None:
        term_lines.append(
            escape(
                translate("Quote", "Payment within %n day(s) of the invoice date.", None, int(days))
            )
            if int(days)
            else L["payment_in_advance"]
        )
    if terms.get("delivery_date"):
        term_lines.append(
            L["delivery_on_date"].format(date=texts.format_date(str(terms["delivery_date"])))
        )
    term_lines.append(
        L["this_quote_is_valid_until_date"].format(date=texts.format_date(summary.expires_at))
    )
    notes = (
        f"<p style='margin-top:8pt'>{escape(str(terms['notes'])).replace(chr(10), '<br>')}</p>"
        if terms.get("notes")
        else ""
    )
    today = texts.format_date(date.today().isoformat())
    before_discount = texts.to_decimal(totals.net) + texts.to_decimal(totals.discount)
    return f"""
<html><body style="font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; color: #222;">
<table width="100%"><tr>
 <td><span style="font-size:20pt; font-weight:600; color:#1d4ed8">{L["quote"]}</span><br>
  <span style="color:{muted}">{escape(quote_number(summary))} · {today}</span></td>
 <td align="right" style="color:{muted}">{L["prepared_by"]} {escape(summary.agent)}<br>
  {L["price_list"]} {escape(summary.price_list_version)}</td>
</tr></table>
<p style="margin-top:14pt"><span style="color:{muted}">{L["for"]}</span><br>
{"<br>".join(customer_lines)}</p>
<table width="100%" cellspacing="0" cellpadding="4"
 style="margin-top:12pt; border-collapse:collapse;">
<tr style="background:#eef2f8">
 <th align="left">#</th><th align="left">{L["product"]}</th>
 <th align="right">{L["quantity"]}</th><th align="right">{L["unit_price"]}</th>
 <th align="right">{L["discount"]}</th><th align="right">{L["net"]}</th>
 <th align="right">{L["vat"]}</th><th align="right">{L["gross"]}</th>
</tr>
{"".join(rows)}
</table>
<hr style="color:{border}">
<table width="100%"><tr>
<td width="55%" valign="top">
 <b>{L["vat_breakdown"]}</b>
 <table cellspacing="0" cellpadding="3">
  <tr><th align="left">{L["rate"]}</th><th align="right">{L["net"]}</th>
  <th align="right">{L["vat"]}</th></tr>
  {vat_rows}
 </table>
</td>
<td valign="top">
 <table width="100%" cellspacing="0" cellpadding="3">
  <tr><td>{L["net_before_discount"]}</td>
   <td align="right">{texts.money(before_discount, cur)}</td></tr>
  <tr><td>{L["discount"]}</td><td align="right">−{texts.money(totals.discount, cur)}</td></tr>
  <tr><td>{L["net"]}</td><td align="right">{texts.money(totals.net, cur)}</td></tr>
  <tr><td>{L["vat"]}</td><td align="right">{texts.money(totals.vat, cur)}</td></tr>
  <tr><td style="font-size:12pt"><b>{L["total"]}</b></td>
   <td align="right" style="font-size:12pt"><b>{texts.money(totals.gross, cur)}</b></td></tr>
 </table>
</td></tr></table>
<p style="margin-top:14pt">{"<br>".join(term_lines)}</p>
{notes}
</body></html>
"""


def render_pdf(summary: SaleSummary) -> bytes:
    """The quote as PDF bytes (safe on a worker thread: no widgets involved)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Quote {quote_number(summary)}")
    writer.setCreator("SalesDesk")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 16, 16, 16),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(quote_html(summary))
    # Lay the text out on the page's printable area, in device pixels.
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(page.width(), page.height()))
    document.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(data.data())


def save_quote(service: SalesService, workflow_id: str, path: Path) -> Path:
    """Worker thread: read the sale, render and write the PDF atomically."""
    summary = service.summary(workflow_id)
    atomic_write(path, render_pdf(summary))
    return path


def suggested_name(customer: str | None) -> str:
    base = re.sub(r"[^\w.-]+", "-", customer or "sale", flags=re.UNICODE).strip("-")
    return f"Quote-{base[:40] or 'sale'}-{date.today().isoformat()}.pdf"


class QuoteExporter:
    """Asks where to save, then renders and writes on the service thread."""

    def __init__(
        self,
        controller: AppController,
        parent: QWidget,
        on_saved: Callable[[Path], None] | None = None,
    ) -> None:
        self.controller = controller
        self.parent = parent
        self.on_saved = on_saved

    def ask_and_save(self, workflow_id: str, customer: str | None = None) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            translate("Quote", "Save quote as PDF"),
            str(Path(folder) / suggested_name(customer)),
            translate("Quote", "PDF documents (*.pdf)"),
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save(workflow_id, Path(path))

    def save(self, workflow_id: str, path: Path) -> None:
        parent = self.parent

        def done(saved: Path) -> None:
            if self.on_saved is not None:
                self.on_saved(saved)

        def failed(error: CallError) -> None:
            QMessageBox.warning(
                parent,
                translate("Quote", "The quote was not saved"),
                translate("Quote", "The quote could not be saved: {reason}").format(
                    reason=error.message
                ),
            )

        self.controller.call(
            lambda service: save_quote(service, workflow_id, path),
            done,
            failed,
            owner=parent,
            interactive=True,
            label=translate("Quote", "Saving the quote…"),
        )
