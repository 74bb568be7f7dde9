"""The Customer, Contact and Terms steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from salesdesk.sales.vat import InvalidVatNumber, parse_vat_number
from salesdesk.ui.controller import AppController
from salesdesk.ui.sale.base import StepPage
from salesdesk.ui.texts import lookup_state, lookup_title
from salesdesk.ui.theme import set_link
from salesdesk.ui.widgets import FieldMessage, card

if TYPE_CHECKING:
    from salesdesk.sales.views import LookupView, SaleSummary

AUTO_LOOKUP_MS = 800
#: Offline-check problems that only mean "not finished typing" while the field has focus.
_TYPING = ("length", "format", "missing_country", "empty")


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(4)
    return form


def _field(widget: QWidget, message: FieldMessage, *extra: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 6)
    layout.setSpacing(3)
    layout.addWidget(widget)
    row = QHBoxLayout()
    row.setSpacing(6)
    row.addWidget(message, 1)
    for item in extra:
        row.addWidget(item, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(row)
    return box


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _current_lookup(summary: SaleSummary | None, kind: str) -> LookupView | None:
    if summary is None:
        return None
    found = [v for v in summary.lookups if v.kind == kind and v.status != "superseded"]
    return found[-1] if found else None


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


# --------------------------------------------------------------------------- customer


class CustomerPage(StepPage):
    step = "customer"
    autoConfirm = Signal()  # a new, well-formed VAT number: record it so the lookup starts
    retryLookup = Signal()

    def __init__(self, controller: AppController, workflow_id: str) -> None:
        super().__init__(controller, workflow_id)
        self.intro.setText(
            self.tr(
                "Enter the customer's VAT number. SalesDesk checks it in the EU VAT "
                "register (VIES) and fills in the company's name and address; you can "
                "still change them."
            )
        )
        form = _form()
        self.vat = QLineEdit()
        self.vat.setObjectName("vatNumber")
        self.vat.setMaxLength(40)
        self.vat.setPlaceholderText(self.tr("e.g. DE136695976"))
        self.vat.setAccessibleName(self.tr("VAT number"))
        self.vat_message = FieldMessage(
            self.tr("With the country code, e.g. DE136695976 or HU12892312")
        )
        self.vat_message.setObjectName("vatMessage")
        form.addRow(_label(self.tr("&VAT number:"), self.vat), _field(self.vat, self.vat_message))

        self.company_state = FieldMessage()
        self.company_state.setObjectName("companyLookupState")
        self.retry_button = QPushButton(self.tr("Try a&gain"))
        set_link(self.retry_button)
        self.retry_button.setAccessibleName(self.tr("Try the VAT check again"))
        self.retry_button.clicked.connect(self.retryLookup)
        self.retry_button.hide()
        state_row = QWidget()
        state_layout = QHBoxLayout(state_row)
        state_layout.setContentsMargins(0, 0, 0, 6)
        state_layout.addWidget(self.company_state, 1)
        state_layout.addWidget(self.retry_button)
        self.company_state_label = QLabel(self.tr("VIES check:"))
        form.addRow(self.company_state_label, state_row)

        self.name = QLineEdit()
        self.name.setObjectName("companyName")
        self.name.setMaxLength(200)
        self.name.setAccessibleName(self.tr("Company name"))
        self.name_message = FieldMessage(self.tr("Filled in from VIES when the number is checked."))
        self.name_reset = QPushButton(self.tr("Use registry name"))
        set_link(self.name_reset)
        self.name_reset.setAccessibleName(self.tr("Use the company name from the registry"))
        self.name_reset.clicked.connect(lambda: self._reset("company_name"))
        form.addRow(
            _label(self.tr("Company &name:"), self.name),
            _field(self.name, self.name_message, self.name_reset),
        )

        self.address = QPlainTextEdit()
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(68)
        self.address.setAccessibleName(self.tr("Address"))
        self.address_message = FieldMessage(self.tr("Filled in from VIES when available."))
        self.address_reset = QPushButton(self.tr("Use registry address"))
        set_link(self.address_reset)
        self.address_reset.setAccessibleName(self.tr("Use the address from the registry"))
        self.address_reset.clicked.connect(lambda: self._reset("address"))
        form.addRow(
            _label(self.tr("&Address:"), self.address),
            _field(self.address, self.address_message, self.address_reset),
        )
        self.address_state = FieldMessage()
        self.address_state_label = QLabel(self.tr("Address check:"))
        form.addRow(self.address_state_label, self.address_state)

        box = QWidget()
        box.setLayout(form)
        self.outer.addWidget(card(box))
        self.outer.addStretch(1)

        self.register("vat_number", self.vat, self.vat_message)
        self.register("company_name", self.name, self.name_message)
        self.register("address", self.address, self.address_message)
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.setInterval(AUTO_LOOKUP_MS)
        self._auto.timeout.connect(self._maybe_auto_confirm)
        self.vat.textChanged.connect(self._vat_changed)
        self.vat.editingFinished.connect(self._vat_left)
        self.name.textEdited.connect(lambda _t: self._edited("company_name"))
        self.address.textChanged.connect(lambda: self._edited("address"))
        self._vat_touched = False
        self._show_registry_hints()

    # ------------------------------------------------------------------ values
    def values(self) -> dict[str, Any]:
        return {
            "vat_number": self.vat.text(),
            "company_name": self.name.text(),
            "address": self.address.toPlainText(),
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        if self.vat.text() != values.get("vat_number", ""):
            self.vat.setText(str(values.get("vat_number", "")))
        if self.name.text() != values.get("company_name", ""):
            self.name.setText(str(values.get("company_name", "")))
        if self.address.toPlainText() != values.get("address", ""):
            self.address.setPlainText(str(values.get("address", "")))
        self._show_registry_hints()

    def values_from_summary(self, summary: SaleSummary) -> dict[str, Any]:
        customer = summary.customer
        if customer is None:
            return {"vat_number": "", "company_name": "", "address": ""}
        return {
            "vat_number": customer.vat_number,
            "company_name": customer.company_name or "",
            "address": customer.address or "",
        }

    def registry(self) -> dict[str, str]:
        """What VIES answered for the current number (empty until it did)."""
        view = _current_lookup(self.summary, "company")
        result = view.result if view is not None and view.status == "done" else None
        if not result or not result.get("valid"):
            return {}
        return {"company_name": result.get("name") or "", "address": result.get("address") or ""}

    def payload(self) -> dict[str, Any]:
        registry = self.registry()
        name = self.name.text().strip()
        address = self.address.toPlainText().strip()
        return {
            "vat_number": self.vat.text().strip(),
            # Only what differs from the registry is the agent's override.
            "company_name": name
            if name and name != registry.get("company_name", "").strip()
            else None,
            "address": address
            if address and _squash(address) != _squash(registry.get("address"))
            else None,
        }

    def first_input(self) -> QWidget:
        return self.vat

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.name_reset.setEnabled(not read_only)
        self.address_reset.setEnabled(not read_only)
        self.retry_button.setEnabled(not read_only)

    # ------------------------------------------------------------------ VAT as you type
    def recorded_vat(self) -> str | None:
        customer = self.summary.customer if self.summary is not None else None
        return customer.vat_number if customer is not None else None

    def _vat_changed(self, text: str) -> None:
        self._check_vat(text, finished=False)
        if not self._loading:
            self.notify_edited("vat_number")
            self._auto.start()

    def _vat_left(self) -> None:
        self._vat_touched = bool(self.vat.text().strip())
        self._check_vat(self.vat.text(), finished=True)
        self._maybe_auto_confirm()

    def _check_vat(self, text: str, *, finished: bool) -> str | None:
        """The offline check (format and check digit); returns the normalised number."""
        if not text.strip():
            self.vat_message.show_hint()
            return None
        try:
            number = parse_vat_number(text)
        except InvalidVatNumber as exc:
            message = str(exc)
            message = message[:1].upper() + message[1:]
            if not finished and not self._vat_touched and exc.code in _TYPING:
                self.vat_message.show_hint(message)
            else:
                self.vat_message.show_error(message)
            return None
        self.vat_message.show_ok(
            self.tr("{vat}: the format and check digit are right").format(vat=number.full)
        )
        return number.full

    def _maybe_auto_confirm(self) -> None:
        self._auto.stop()
        if self.read_only or self._loading:
            return
        number = self._check_vat(self.vat.text(), finished=False)
        if number is not None and number != self.recorded_vat():
            self.autoConfirm.emit()

    # ------------------------------------------------------------------ registry values
    def _edited(self, field: str) -> None:
        self._show_registry_hints()
        self.notify_edited(field)

    def _reset(self, field: str) -> None:
        value = self.registry().get(field, "")
        if field == "company_name":
            self.name.setText(value)
        else:
            self.address.setPlainText(value)
        self._show_registry_hints()
        self.notify_edited(field)

    def _show_registry_hints(self) -> None:
        registry = self.registry()
        for field, widget_text, message, reset in (
            ("company_name", self.name.text(), self.name_message, self.name_reset),
            ("address", self.address.toPlainText(), self.address_message, self.address_reset),
        ):
            known = registry.get(field, "")
            overridden = bool(widget_text.strip()) and _squash(widget_text) != _squash(known)
            reset.setVisible(bool(known) and overridden)
            if message.kind == "error":
                continue
            if overridden and known:
                message.show_hint(
                    self.tr("Your own value; the registry says: {value}").format(
                        value=_squash(known)
                    )
                )
            elif overridden:
                message.show_hint(self.tr("Your own value (the registry has not answered yet)."))
            elif known:
                message.show_hint(self.tr("From VIES. You can change it."))
            else:
                message.show_hint()

    # ------------------------------------------------------------------ live state
    def on_summary(self, summary: SaleSummary) -> None:
        company = _current_lookup(summary, "company")
        self.company_state_label.setVisible(company is not None)
        self.company_state.setVisible(company is not None)
        self.retry_button.setVisible(company is not None and company.status == "failed")
        if company is not None:
            spec, text = lookup_state(company)
            self.company_state.show_state(spec, text)
            self.company_state.setAccessibleName(f"{lookup_title('company')}: {text}")
        address = _current_lookup(summary, "address")
        self.address_state_label.setVisible(address is not None)
        self.address_state.setVisible(address is not None)
        if address is not None:
            spec, text = lookup_state(address)
            self.address_state.show_state(spec, text)
        if self.vat.text():
            self._check_vat(self.vat.text(), finished=self._vat_touched)
        self._show_registry_hints()


# --------------------------------------------------------------------------- contact


class ContactPage(StepPage):
    step = "contact"

    def __init__(self, controller: AppController, workflow_id: str) -> None:
        super().__init__(controller, workflow_id)
        self.intro.setText(self.tr("Who at the customer receives the quote?"))
        form = _form()
        self.name = QLineEdit()
        self.name.setObjectName("contactName")
        self.name.setMaxLength(200)
        self.name.setAccessibleName(self.tr("Contact name"))
        self.name_message = FieldMessage()
        form.addRow(_label(self.tr("&Name:"), self.name), _field(self.name, self.name_message))
        self.email = QLineEdit()
        self.email.setObjectName("contactEmail")
        self.email.setAccessibleName(self.tr("E-mail address"))
        self.email.setPlaceholderText("name@example.com")
        self.email_message = FieldMessage()
        form.addRow(_label(self.tr("&E-mail:"), self.email), _field(self.email, self.email_message))
        self.phone = QLineEdit()
        self.phone.setObjectName("contactPhone")
        self.phone.setAccessibleName(self.tr("Phone number (optional)"))
        self.phone.setPlaceholderText("+36 1 234 5678")
        self.phone_message = FieldMessage(self.tr("Optional. With + and the country code."))
        form.addRow(_label(self.tr("&Phone:"), self.phone), _field(self.phone, self.phone_message))
        box = QWidget()
        box.setLayout(form)
        self.outer.addWidget(card(box))
        self.outer.addStretch(1)
        for field, widget, message in (
            ("name", self.name, self.name_message),
            ("email", self.email, self.email_message),
            ("phone", self.phone, self.phone_message),
        ):
            self.register(field, widget, message)
            widget.textEdited.connect(lambda _t, f=field: self.notify_edited(f))

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "email": self.email.text(), "phone": self.phone.text()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        self.name.setText(str(values.get("name") or ""))
        self.email.setText(str(values.get("email") or ""))
        self.phone.setText(str(values.get("phone") or ""))

    def values_from_summary(self, summary: SaleSummary) -> dict[str, Any]:
        contact = summary.contact or {}
        return {
            "name": contact.get("name") or "",
            "email": contact.get("email") or "",
            "phone": contact.get("phone") or "",
        }

    def payload(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "email": self.email.text().strip(),
            "phone": self.phone.text().strip() or None,
        }


# --------------------------------------------------------------------------- terms


class TermsPage(StepPage):
    step = "terms"

    def __init__(self, controller: AppController, workflow_id: str) -> None:
        super().__init__(controller, workflow_id)
        self.intro.setText(self.tr("Payment and delivery as agreed with the customer."))
        form = _form()
        self.days = QSpinBox()
        self.days.setObjectName("paymentDays")
        self.days.setRange(0, 120)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Payment terms in days"))
        self.days_message = FieldMessage(self.tr("0 means payment in advance; at most 120 days."))
        self.days.setMaximumWidth(140)
        form.addRow(
            _label(self.tr("Pa&yment terms:"), self.days), _field(self.days, self.days_message)
        )
        self.has_delivery = QCheckBox(self.tr("A &delivery date was agreed"))
        self.has_delivery.setObjectName("hasDeliveryDate")
        self.has_delivery.setAccessibleName(self.tr("A delivery date was agreed"))
        self.delivery = QDateEdit()
        self.delivery.setObjectName("deliveryDate")
        self.delivery.setCalendarPopup(True)
        self.delivery.setAccessibleName(self.tr("Delivery date"))
        self.delivery.setMinimumDate(QDate.currentDate())
        self.delivery.setDate(QDate.currentDate().addDays(14))
        self.delivery.setEnabled(False)
        self.delivery.setMaximumWidth(180)
        self.delivery_message = FieldMessage()
        self.has_delivery.toggled.connect(self.delivery.setEnabled)
        delivery_box = QWidget()
        delivery_layout = QVBoxLayout(delivery_box)
        delivery_layout.setContentsMargins(0, 0, 0, 6)
        delivery_layout.setSpacing(4)
        delivery_layout.addWidget(self.has_delivery)
        delivery_layout.addWidget(self.delivery)
        delivery_layout.addWidget(self.delivery_message)
        form.addRow(_label(self.tr("De&livery:"), self.has_delivery), delivery_box)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes for the quote"))
        self.notes.setPlaceholderText(self.tr("Anything the customer should read on the quote"))
        self.notes.setFixedHeight(90)
        self.notes_message = FieldMessage(self.tr("Optional, up to 2000 characters."))
        form.addRow(_label(self.tr("N&otes:"), self.notes), _field(self.notes, self.notes_message))
        box = QWidget()
        box.setLayout(form)
        self.outer.addWidget(card(box))
        self.outer.addStretch(1)
        self.register("payment_terms_days", self.days, self.days_message)
        self.register("delivery_date", self.delivery, self.delivery_message)
        self.register("notes", self.notes, self.notes_message)
        self._inputs["has_delivery"] = self.has_delivery
        self.days.valueChanged.connect(lambda _v: self.notify_edited("payment_terms_days"))
        self.has_delivery.toggled.connect(lambda _v: self._touch_and_edit("delivery_date"))
        self.delivery.dateChanged.connect(lambda _d: self._touch_and_edit("delivery_date"))
        self.notes.textChanged.connect(lambda: self.notify_edited("notes"))

    def _touch_and_edit(self, field: str) -> None:
        self.touch(field)
        self.notify_edited(field)

    def values(self) -> dict[str, Any]:
        return {
            "payment_terms_days": self.days.value(),
            "delivery_date": self.delivery.date().toString(Qt.DateFormat.ISODate)
            if self.has_delivery.isChecked()
            else None,
            "notes": self.notes.toPlainText(),
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        self.days.setValue(int(values.get("payment_terms_days") or 0))
        delivery = values.get("delivery_date")
        self.has_delivery.setChecked(bool(delivery))
        if delivery:
            date = QDate.fromString(str(delivery), Qt.DateFormat.ISODate)
            if date.isValid():
                if date < self.delivery.minimumDate():
                    self.delivery.setMinimumDate(date)
                self.delivery.setDate(date)
        self.notes.setPlainText(str(values.get("notes") or ""))

    def values_from_summary(self, summary: SaleSummary) -> dict[str, Any]:
        terms = summary.terms or {}
        return {
            "payment_terms_days": int(terms.get("payment_terms_days", 30)),
            "delivery_date": terms.get("delivery_date"),
            "notes": terms.get("notes") or "",
        }

    def payload(self) -> dict[str, Any]:
        values = self.values()
        values["notes"] = values["notes"].strip() or None
        return values

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.has_delivery.setEnabled(not read_only)
        self.delivery.setEnabled(not read_only and self.has_delivery.isChecked())
