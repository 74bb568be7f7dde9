"""The Review step (everything at a glance and, in plain words, what still blocks the
submission) and the Submit step (what happens after the agent pressed Submit)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from salesdesk.ui import texts
from salesdesk.ui.i18n import translate
from salesdesk.ui.theme import set_role, tokens
from salesdesk.ui.widgets import Banner, FieldMessage, IconLabel, card, heading

if TYPE_CHECKING:
    from salesdesk.sales.views import SaleSummary

STEP_PREFIXES = ("customer", "contact", "lines", "terms")


def _link_step(problem: str) -> str | None:
    """Which step a problem is about, when it names one ("Contact is not filled in yet")."""
    lowered = problem.lower()
    for step in STEP_PREFIXES:
        if lowered.startswith(step):
            return step
    if "vat number" in lowered:
        return "customer"
    if "discount" in lowered or "credit" in lowered or "gross total" in lowered:
        return "lines"
    return None


_CODE_STEPS = {
    "vat_checking": "customer",
    "vat_check_failed": "customer",
    "vat_not_registered": "customer",
    "credit_limit_exceeded": "lines",
    "approval_pending": "lines",
    "approval_rejected": "lines",
    "approval_rejected_comment": "lines",
}


def _problem_steps(summary: SaleSummary) -> list[str | None]:
    messages = summary.problem_messages
    if messages and len(messages) == len(summary.problems):
        return [
            str(m.params["step"]) if "step" in m.params else _CODE_STEPS.get(m.code)
            for m in messages
        ]
    return [_link_step(p) for p in summary.problems]


def problems_html(summary: SaleSummary) -> str:
    items = []
    for problem, step in zip(texts.problem_texts(summary), _problem_steps(summary), strict=True):
        text = escape(problem[:1].upper() + problem[1:])
        if step:
            link = escape(
                translate("ReviewPage", "Go to {step}").format(step=texts.step_title(step))
            )
            text += f' — <a href="step:{step}">{link}</a>'
        items.append(f"<li>{text}</li>")
    return "<ul style='margin-left:-20px'>" + "".join(items) + "</ul>"


class ReviewPage(QWidget):
    """Everything at a glance. The body is one rich-text document in a QTextBrowser: laid
    out once per update, where a dozen word-wrapped rich labels would be laid out again
    and again by their layouts (tens of milliseconds on the UI thread per update)."""

    step = "review"
    navigate = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reviewPage")
        self.summary: SaleSummary | None = None
        self.read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        title = QLabel(self.tr("Review"))
        set_role(title, "title")
        layout.addWidget(title)
        self.readiness = Banner()
        self.readiness.setObjectName("readiness")
        self.readiness.label.setTextFormat(Qt.TextFormat.RichText)
        self.readiness.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.readiness.label.linkActivated.connect(self._link)
        layout.addWidget(self.readiness)
        self.body = QTextBrowser()
        self.body.setObjectName("reviewBody")
        self.body.setAccessibleName(self.tr("Summary of the sale"))
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(lambda url: self._link(url.toString()))
        self.body.setMinimumHeight(320)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.viewport().setAutoFillBackground(False)
        self.body.setAutoFillBackground(False)
        self.body.document().setDocumentMargin(14)
        body_card = card(self.body, margins=4)
        layout.addWidget(body_card, 1)

    def first_input(self) -> QWidget | None:
        return None

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only

    def _link(self, href: str) -> None:
        if href.startswith("step:"):
            self.navigate.emit(href.split(":", 1)[1])

    def text(self) -> str:
        """The summary as plain text (what a screen reader reads; tests use it)."""
        return self.body.toPlainText()

    def load(self, summary: SaleSummary) -> None:
        self.summary = summary
        t = tokens()
        if summary.status in ("submitted", "accepted"):
            self.readiness.show_message("ok", self.tr("This sale was submitted."))
        elif summary.status in ("cancelled", "expired"):
            self.readiness.show_message("danger", texts.status_text(summary.status))
        elif summary.submit_pending:
            self.readiness.show_message(
                "info", self.tr("Submitting as soon as the lookups below have finished.")
            )
        elif not summary.problems:
            self.readiness.show_message(
                "ok", self.tr("Everything is in place. Press Submit to send the order.")
            )
        else:
            head = translate(
                "ReviewPage",
                "%n thing(s) to settle before this sale can be submitted:",
                None,
                len(summary.problems),
            )
            kind = "warning" if summary.status != "awaiting_lookups" else "info"
            self.readiness.show_message(kind, f"<b>{escape(head)}</b>{problems_html(summary)}")
            self.readiness.setAccessibleName(head + " " + "; ".join(texts.problem_texts(summary)))

        c = summary.customer
        if c is None:
            not_yet = self.tr("Not filled in yet")
            customer_html = f"<span style='color:{t.muted}'>{not_yet}</span>"
        else:
            unknown = self.tr("(name not known yet)")
            by_you = escape(self.tr("entered by you"))
            parts = [f"<b>{escape(c.company_name or unknown)}</b>"]
            if c.name_overridden:
                parts[0] += f" <span style='color:{t.muted}'>({by_you})</span>"
            parts.append(escape(self.tr("VAT number {vat}").format(vat=c.vat_number)))
            if c.address:
                parts.append(escape(c.address).replace("\n", "<br>"))
            if c.consultation_number:
                parts.append(
                    f"<span style='color:{t.muted}'>"
                    + escape(
                        self.tr("VIES consultation {number}").format(number=c.consultation_number)
                    )
                    + "</span>"
                )
            customer_html = "<br>".join(parts)

        contact_lines = []
        if summary.contact:
            contact_lines.append(f"<b>{escape(str(summary.contact.get('name', '')))}</b>")
            contact_lines.append(escape(str(summary.contact.get("email", ""))))
            if summary.contact.get("phone"):
                contact_lines.append(escape(str(summary.contact["phone"])))
        else:
            no_contact = self.tr("No contact yet")
            contact_lines.append(f"<span style='color:{t.muted}'>{no_contact}</span>")
        if summary.terms:
            days = int(summary.terms.get("payment_terms_days", 0))
            contact_lines.append("")
            contact_lines.append(
                escape(translate("ReviewPage", "Payment within %n day(s)", None, days))
                if days
                else escape(self.tr("Payment in advance"))
            )
            if summary.terms.get("delivery_date"):
                contact_lines.append(
                    escape(
                        self.tr("Delivery on {date}").format(
                            date=texts.format_date(str(summary.terms["delivery_date"]))
                        )
                    )
                )
            if summary.terms.get("notes"):
                contact_lines.append(
                    f"<i>{escape(str(summary.terms['notes']))}</i>".replace("\n", "<br>")
                )
        else:
            no_terms = self.tr("No terms yet")
            contact_lines.append(f"<span style='color:{t.muted}'>{no_terms}</span>")
        contact_lines.append(
            f"<span style='color:{t.muted}'>"
            + escape(
                self.tr("Quote valid until {date}").format(
                    date=texts.format_date(summary.expires_at)
                )
            )
            + "</span>"
        )
        contact_html = "<br>".join(contact_lines)

        def section(text: str) -> str:
            return f"<p style='font-size:12pt; font-weight:600; margin-top:10px'>{escape(text)}</p>"

        customer_head = section(self.tr("Customer"))
        contact_head = section(self.tr("Contact and terms"))
        lines_head = section(self.tr("Lines and totals"))
        checks_head = section(self.tr("Checks and approval"))
        self.body.setHtml(
            f"<div style='color:{t.text}'>"
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='50%' valign='top'>{customer_head}{customer_html}</td>"
            f"<td width='50%' valign='top'>{contact_head}{contact_html}</td>"
            "</tr></table>"
            f"{lines_head}{lines_html(summary)}"
            f"{checks_head}{checks_html(summary)}"
            "</div>"
        )


def lines_html(summary: SaleSummary) -> str:
    t = tokens()
    cur = summary.totals.currency

    if not summary.lines:
        no_lines = escape(translate("ReviewPage", "No lines yet"))
        return f"<span style='color:{t.muted}'>{no_lines}</span>"
    headers = (
        (translate("ReviewPage", "Product"), "left"),
        (translate("ReviewPage", "Qty"), "right"),
        (translate("ReviewPage", "Unit price"), "right"),
        (translate("ReviewPage", "Discount"), "right"),
        (translate("ReviewPage", "Net"), "right"),
        (translate("ReviewPage", "VAT"), "right"),
        (translate("ReviewPage", "Gross"), "right"),
    )
    head = "".join(
        f"<th align='{a}' style='padding:3px 8px; border-bottom:1px solid {t.border}'>"
        f"{escape(h)}</th>"
        for h, a in headers
    )
    rows = []
    for line in summary.lines:
        cells = [
            (f"{escape(line.name)}<br><span style='color:{t.muted}'>{escape(line.sku)}</span>",
             "left"),
            (f"{line.quantity} {escape(texts.unit_text(line.unit))}", "right"),
            (texts.money(line.unit_price, cur), "right"),
            (texts.percent(line.discount_percent), "right"),
            (texts.money(line.net, cur), "right"),
            (f"{texts.money(line.vat, cur)}<br><span style='color:{t.muted}'>"
             f"{texts.percent(line.vat_rate)}</span>", "right"),
            (texts.money(line.gross, cur), "right"),
        ]  # fmt: skip
        rows.append(
            "<tr>"
            + "".join(f"<td align='{a}' style='padding:3px 8px'>{c}</td>" for c, a in cells)
            + "</tr>"
        )
    totals = summary.totals
    summary_rows = [
        (escape(translate("ReviewPage", "Net")), texts.money(totals.net, cur)),
        (escape(translate("ReviewPage", "of which discount")), texts.money(totals.discount, cur)),
    ]
    for group in totals.vat_breakdown:
        label = escape(
            translate("ReviewPage", "VAT {rate} on {base}").format(
                rate=texts.percent(group.rate), base=texts.money(group.base, cur)
            )
        )
        summary_rows.append((label, texts.money(group.vat, cur)))
    foot = "".join(
        f"<tr><td colspan='6' align='right' style='padding:2px 8px; color:{t.muted}'>{k}</td>"
        f"<td align='right' style='padding:2px 8px'>{v}</td></tr>"
        for k, v in summary_rows
    )
    gross_label = escape(translate("ReviewPage", "Gross total"))
    foot += (
        f"<tr><td colspan='6' align='right' style='padding:4px 8px'><b>{gross_label}</b>"
        f"</td><td align='right' style='padding:4px 8px'><b>{texts.money(totals.gross, cur)}"
        "</b></td></tr>"
    )
    return f"<table width='100%' cellspacing='0'><tr>{head}</tr>{''.join(rows)}{foot}</table>"


def checks_html(summary: SaleSummary) -> str:
    t = tokens()
    colors = {
        "success": t.success,
        "danger": t.danger,
        "warning": t.warning,
        "info": t.info,
        "muted": t.muted,
    }
    rows = []
    for view in summary.lookups:
        if view.status == "superseded":
            continue
        spec, text = texts.lookup_state(view)
        color = colors.get(spec.partition(":")[2], t.text)
        rows.append(
            f"<tr><td style='padding:2px 12px 2px 0'><b>{escape(texts.lookup_title(view.kind))}"
            f"</b></td><td style='color:{color}; padding:2px 0'>{escape(text)}</td></tr>"
        )
    if not rows:
        rows.append(
            f"<tr><td colspan='2' style='color:{t.muted}'>"
            + escape(
                translate(
                    "ReviewPage", "No lookups yet: they start when the VAT number is entered."
                )
            )
            + "</td></tr>"
        )
    approval = summary.approval
    words = {
        "not_needed": (translate("ReviewPage", "Not needed (no discount above {t})"),
                       t.muted),
        "pending": (translate("ReviewPage", "Waiting for a manager: {d} discount is above "
                                    "{t}"), t.warning),
        "approved": (translate("ReviewPage", "Approved by {who}"), t.success),
        "rejected": (translate("ReviewPage", "Rejected by {who}"), t.danger),
    }  # fmt: skip
    template, color = words.get(approval.status, (approval.status, t.text))
    text = template.format(
        t=texts.percent(approval.threshold),
        d=texts.percent(approval.max_discount),
        who=approval.decided_by or translate("ReviewPage", "a manager"),
    )
    if approval.comment:
        text += f" — “{approval.comment}”"
    label = escape(translate("ReviewPage", "Discount approval"))
    rows.append(
        f"<tr><td style='padding:2px 12px 2px 0'><b>{label}</b></td>"
        f"<td style='color:{color}'>{escape(text)}</td></tr>"
    )
    return "<table cellspacing='0'>" + "".join(rows) + "</table>"


class SubmitPage(QWidget):
    step = "submit"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("submitPage")
        self.read_only = True
        self.summary: SaleSummary | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        title = QLabel(self.tr("Submit"))
        set_role(title, "title")
        layout.addWidget(title)
        head = QHBoxLayout()
        self.icon = IconLabel("send", "muted", 40)
        head.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        text_box = QVBoxLayout()
        self.headline = QLabel()
        self.headline.setObjectName("submitHeadline")
        set_role(self.headline, "heading")
        self.headline.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        set_role(self.body, "muted")
        text_box.addWidget(self.headline)
        text_box.addWidget(self.body)
        head.addLayout(text_box, 1)
        layout.addWidget(card(_wrap(head)))
        self.lookups = QVBoxLayout()
        self.lookups_box = card(heading(self.tr("Lookups")), _wrap(self.lookups))
        layout.addWidget(self.lookups_box)
        self._rows: list[FieldMessage] = []
        layout.addStretch(1)
        self.state = ""

    def first_input(self) -> QWidget | None:
        return None

    def set_read_only(self, read_only: bool) -> None:
        pass

    def load(self, summary: SaleSummary) -> None:
        self.summary = summary
        stopped = texts.submit_stopped_text(summary)
        if summary.status == "accepted":
            self.state = "accepted"
            self.icon.set_icon("check-circle", "success")
            self.headline.setText(
                self.tr("Order accepted — order number {number}").format(
                    number=summary.order_number or "?"
                )
            )
            self.body.setText(self.tr("The server confirmed the order. Nothing more to do here."))
        elif summary.status == "submitted":
            self.state = "submitted"
            self.icon.set_icon("check-circle", "success")
            self.headline.setText(self.tr("Submitted"))
            self.body.setText(
                self.tr(
                    "The sale is complete on this computer. It is uploaded with the next sync "
                    "and gets its order number from the server."
                )
            )
        elif summary.submit_pending:
            self.state = "submit_pending"
            self.icon.set_icon("hourglass", "info")
            self.headline.setText(self.tr("Waiting for lookups, then submitting by itself"))
            self.body.setText(
                self.tr(
                    "You can close this window or keep working: when the checks below finish "
                    "(also after the network comes back), the sale is submitted automatically."
                )
            )
        elif stopped:
            self.state = "stopped"
            self.icon.set_icon("alert", "warning")
            self.headline.setText(self.tr("Automatic submission stopped"))
            self.body.setText(stopped[:1].upper() + stopped[1:])
        elif summary.status in ("cancelled", "expired"):
            self.state = summary.status
            self.icon.set_icon("ban", "danger")
            self.headline.setText(texts.status_text(summary.status))
            self.body.setText(summary.cancel_reason or "")
        else:
            self.state = "not_submitted"
            self.icon.set_icon("send", "muted")
            self.headline.setText(self.tr("Not submitted yet"))
            self.body.setText(self.tr("Check the Review step, then press Submit."))
        self.headline.setAccessibleName(self.headline.text())
        views = [v for v in summary.lookups if v.status != "superseded"]
        while len(self._rows) < len(views):  # rows are reused: updates arrive often
            message = FieldMessage()
            self.lookups.addWidget(message)
            self._rows.append(message)
        for row, view in zip(self._rows, views, strict=False):
            spec, text = texts.lookup_state(view)
            row.show_state(spec, f"{texts.lookup_title(view.kind)}: {text}")
        for row in self._rows[len(views) :]:
            row.hide()
        self.lookups_box.setVisible(bool(views))


def _wrap(layout: QHBoxLayout | QVBoxLayout) -> QWidget:
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box
