"""What every step page of the sale editor shares: values in and out, unsaved-change
tracking field by field, inline messages beside the fields, and as-you-type checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from salesdesk.ui import texts
from salesdesk.ui.controller import AppController, CallError
from salesdesk.ui.texts import step_title
from salesdesk.ui.theme import set_read_only_look, set_role
from salesdesk.ui.widgets import Banner, FieldMessage, mark_invalid

if TYPE_CHECKING:
    from salesdesk.sales.views import SaleSummary

NON_FIELD = ("", "__all__")
VALIDATE_DELAY_MS = 350


class StepPage(QWidget):
    """One step. Subclasses define values()/set_values()/values_from_summary()/payload()."""

    step = ""
    edited = Signal()  # a person changed a field (not a programmatic fill)
    confirmRequested = Signal()  # Enter in a single-line field

    def __init__(self, controller: AppController, workflow_id: str) -> None:
        super().__init__()
        self.setObjectName(f"{self.step}Page")
        self.controller = controller
        self.workflow_id = workflow_id
        self.summary: SaleSummary | None = None
        self.read_only = False
        self._loaded: dict[str, Any] = {}
        self._loading = False
        self._messages: dict[str, FieldMessage] = {}
        self._inputs: dict[str, QWidget] = {}
        self._touched: set[str] = set()
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self._validate_now)

        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(24, 18, 24, 18)
        self.outer.setSpacing(12)
        self.title = QLabel(step_title(self.step))
        set_role(self.title, "title")
        self.outer.addWidget(self.title)
        self.intro = QLabel()
        set_role(self.intro, "muted")
        self.intro.setWordWrap(True)
        self.outer.addWidget(self.intro)
        self.note = Banner()  # e.g. "confirm again: Contact changed"
        self.outer.addWidget(self.note)
        self.banner = Banner()  # problems that belong to no single field
        self.outer.addWidget(self.banner)

    # ------------------------------------------------------------------ to implement
    def values(self) -> dict[str, Any]:
        return {}

    def set_values(self, values: Mapping[str, Any]) -> None:
        pass

    def values_from_summary(self, summary: SaleSummary) -> dict[str, Any]:
        return {}

    def payload(self) -> dict[str, Any]:
        return self.values()

    def first_input(self) -> QWidget | None:
        return next(iter(self._inputs.values()), None)

    def on_summary(self, summary: SaleSummary) -> None:
        """Show live state (lookups, notes) from a fresh summary."""

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in self._inputs.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                widget.setReadOnly(read_only)
                set_read_only_look(widget, read_only)
            elif isinstance(widget, QComboBox):
                widget.setEnabled(not read_only)

    # ------------------------------------------------------------------ values
    def is_dirty(self) -> bool:
        return bool(self._loaded) and self.values() != self._loaded

    def loaded_values(self) -> dict[str, Any]:
        return dict(self._loaded)

    def load(self, summary: SaleSummary, *, force: bool = False) -> None:
        """Take a new summary. Fields the person changed and has not saved keep their text;
        the others follow the sale (a lookup result fills the company name, say)."""
        self.summary = summary
        new = self.values_from_summary(summary)
        current = self.values() if self._loaded else {}
        merged = {
            key: value
            if force or not self._loaded or current.get(key) == self._loaded.get(key)
            else current.get(key)
            for key, value in new.items()
        }
        self._loaded = new
        if merged != current:
            self._set_quietly(merged)
        if force:
            self._touched.clear()
            self.clear_errors()
        self._show_note(summary)
        self.on_summary(summary)

    def _show_note(self, summary: SaleSummary) -> None:
        note = self.stale_note(summary)
        if note:
            text = self.tr(
                "{note} since this step was confirmed: check it and confirm it again."
            ).format(note=note)
            self.note.show_message("warning", text)
        else:
            self.note.show_message("info", "")

    def restore(self, values: Mapping[str, Any]) -> None:
        """Put back what a draft kept (on top of the loaded summary)."""
        merged = {**self.values(), **{k: v for k, v in values.items() if k in self._loaded}}
        self._set_quietly(merged)
        self._touched.update(k for k in values if values[k] != self._loaded.get(k))
        self._validate_timer.start()

    def _set_quietly(self, values: Mapping[str, Any]) -> None:
        self._loading = True
        try:
            self.set_values(values)
        finally:
            self._loading = False

    def notify_edited(self, field: str | None = None) -> None:
        """Subclasses call this from their widgets' edit signals."""
        if self._loading:
            return
        if field is not None and field in self._touched:
            self._validate_timer.start()
        self.edited.emit()

    def touch(self, field: str) -> None:
        """A field was left (focus out / Enter): from now on its problems show as you type."""
        if self._loading:
            return
        self._touched.add(field)
        self._validate_timer.start()

    # ------------------------------------------------------------------ messages
    def register(self, field: str, widget: QWidget, message: FieldMessage) -> None:
        self._inputs[field] = widget
        self._messages[field] = message
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(lambda f=field: self.touch(f))
            widget.returnPressed.connect(self.confirmRequested)

    def message_for(self, path: str) -> FieldMessage | None:
        """The message widget for a field path ("items.0.quantity" -> nearest known)."""
        parts = path.split(".")
        while parts:
            found = self._messages.get(".".join(parts))
            if found is not None:
                return found
            parts.pop()
        return None

    def clear_errors(self) -> None:
        for field, message in self._messages.items():
            if message.kind == "error":
                message.show_hint()
            widget = self._inputs.get(field)
            if widget is not None:
                mark_invalid(widget, False)
        if self.banner.property("banner") == "danger":
            self.banner.show_message("info", "")

    def show_errors(self, fields: Mapping[str, str], *, only_touched: bool = False) -> None:
        """Messages beside the fields; anything that belongs to no field goes on top."""
        self.clear_errors()
        loose: list[str] = []
        first: QWidget | None = None
        for path, text in fields.items():
            root = path.split(".")[0]
            if only_touched and root not in self._touched:
                continue
            message = None if path in NON_FIELD else self.message_for(path)
            if message is None:
                loose.append(text if path in NON_FIELD else f"{path}: {text}")
                continue
            message.show_error(self.describe_error(path, text))
            widget = self._inputs.get(path) or self._inputs.get(root)
            if widget is not None:
                mark_invalid(widget, True)
                first = first or widget
        if loose:
            self.banner.show_message("danger", "\n".join(loose))
        if first is not None and not only_touched:
            first.setFocus()

    def describe_error(self, path: str, text: str) -> str:
        """How a field's message reads beside it (pages add context such as a line number)."""
        return text[:1].upper() + text[1:]

    # ------------------------------------------------------------------ as-you-type
    def _validate_now(self) -> None:
        if self.read_only or not self._touched:
            return
        self.controller.validate(
            self.workflow_id,
            self.step,
            self.payload(),
            lambda _ok: self.show_errors({}, only_touched=True),
            self._validated_with_errors,
            owner=self,
        )

    def _validated_with_errors(self, error: CallError) -> None:
        if error.kind != "rejected":
            return
        fields = {k: v for k, v in error.fields.items() if k not in NON_FIELD}
        self.show_errors(fields, only_touched=True)

    def stale_note(self, summary: SaleSummary) -> str | None:
        for view in summary.steps:
            if view.name == self.step and view.status == "stale":
                note = texts.step_note_text(view)
                return note.removeprefix("confirm again: ") if note else None
        return None

    def step_status(self, summary: SaleSummary) -> str:
        for view in summary.steps:
            if view.name == self.step:
                return view.status
        return "empty"
