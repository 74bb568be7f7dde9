"""Sync conflicts in the sale editor: changes made on this computer that sync could not
carry over, in plain words, with what the agent can do about them.

A conflict comes from a rebase (``salesdesk.sync.synchronizer``): the sale changed on
another computer or on the server (cancelled, submitted, another edit) before this
computer's change reached the server, and the change no longer fitted. Nothing was
dropped: the change is kept in the profile until the agent applies it again (it is sent
through the same validation as any edit) or dismisses it. A history the server refused
(``kind == "rejected"``) is shown too; it clears by itself when the server accepts it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from salesdesk.ui import texts
from salesdesk.ui.i18n import translate
from salesdesk.ui.theme import set_link
from salesdesk.ui.widgets import Banner

if TYPE_CHECKING:
    from salesdesk.sales.service import SalesService
    from salesdesk.sales.views import SaleSummary

STEP_SIGNALS = ("customer", "contact", "lines", "terms")


def change_title(signal: str) -> str:
    """'Your change to Lines', 'Your submission', ... for a conflicting signal."""
    if signal in STEP_SIGNALS:
        return translate("Conflicts", "Your change to {step}").format(step=texts.step_title(signal))
    if signal == "submit":
        return translate("Conflicts", "Your submission")
    if signal == "cancel":
        return translate("Conflicts", "Your cancellation")
    return translate("Conflicts", "Your change ({name})").format(name=signal)


def change_details(signal: str, payload: Any) -> str:
    """A short reminder of what the change held, so it can be entered again by hand."""
    if not isinstance(payload, Mapping):
        return ""
    if signal == "lines":
        items = payload.get("items") or []
        parts = []
        for item in items[:4]:
            if not isinstance(item, Mapping):
                continue
            text = f"{item.get('quantity')} × {item.get('sku')}"
            discount = texts.to_decimal(item.get("discount_percent") or "0")
            if discount:
                text += " " + translate("Conflicts", "(−{discount})").format(
                    discount=texts.percent(discount)
                )
            parts.append(text)
        if len(items) > 4:
            parts.append("…")
        return ", ".join(parts)
    if signal == "contact":
        return ", ".join(str(payload[k]) for k in ("name", "email", "phone") if payload.get(k))
    if signal == "customer":
        return ", ".join(str(payload[k]) for k in ("company_name", "vat_number") if payload.get(k))
    if signal == "terms":
        days = payload.get("payment_terms_days")
        return translate("Conflicts", "payment in {days} days").format(days=days) if days else ""
    if signal == "cancel":
        return str(payload.get("reason") or "")
    return ""


def why_text(conflict: Mapping[str, Any], status: str) -> str:
    """Why the change was not applied, in words for the agent."""
    if status in ("cancelled", "submitted", "accepted", "expired"):
        return translate(
            "Conflicts",
            "the sale was already marked “{status}” elsewhere (on another computer or by "
            "the server) before your change reached the server",
        ).format(status=texts.status_text(status))
    reason = str(conflict.get("reason") or "").strip()
    if reason:
        return translate(
            "Conflicts", "after the changes made elsewhere it is no longer valid: {reason}"
        ).format(reason=reason)
    return translate("Conflicts", "it no longer fits the sale as it was changed elsewhere")


def describe(conflicts: Sequence[Mapping[str, Any]], status: str) -> str:
    """The banner text: a heading sentence and one line per conflict."""
    local = [c for c in conflicts if c.get("kind") != "rejected"]
    rejected = [c for c in conflicts if c.get("kind") == "rejected"]
    lines: list[str] = []
    if local:
        lines.append(
            translate(
                "Conflicts",
                "%n change(s) made on this computer could not be applied after syncing, "
                "because this sale was changed elsewhere in the meantime. Nothing was "
                "deleted:",
                None,
                len(local),
            )
        )
        for conflict in local:
            signal = str(conflict.get("signal") or "")
            line = "• " + translate(
                "Conflicts", "{change} ({when}) was not applied: {why}."
            ).format(
                change=change_title(signal),
                when=texts.format_datetime(str(conflict.get("recorded_at") or "")),
                why=why_text(conflict, status),
            )
            details = change_details(signal, conflict.get("payload"))
            if details:
                line += " " + translate("Conflicts", "It held: {details}.").format(details=details)
            lines.append(line)
    for conflict in rejected:
        lines.append(
            translate(
                "Conflicts",
                "The server refused this sale's latest changes: {reason}. They are kept on "
                "this computer and are sent again at the next sync.",
            ).format(reason=conflict.get("reason") or "?")
        )
    return "\n".join(lines)


def can_reapply(conflicts: Sequence[Mapping[str, Any]], status: str) -> bool:
    return (
        status in texts.OPEN_STATUSES
        and status != "submit_pending"
        and any(c.get("kind") != "rejected" for c in conflicts)
    )


def reapply(workflow_id: str) -> Any:
    """Send the conflicting changes again (service thread). Those that still do not
    validate stay as conflicts, with the new reason; returns (applied, still failing)."""

    def run(service: SalesService) -> tuple[int, int]:
        from salesdesk.flow.errors import SignalRejected, WorkflowClosedError

        items = [c for c in service.conflicts(workflow_id) if c.get("kind") != "rejected"]
        failed: list[dict[str, Any]] = []
        for conflict in items:
            try:
                service.signal(workflow_id, str(conflict.get("signal")), conflict.get("payload"))
            except SignalRejected as exc:
                failed.append({**conflict, "reason": "; ".join(exc.fields.values())})
            except WorkflowClosedError as exc:
                failed.append({**conflict, "reason": str(exc)})
        service.dismiss_conflicts(workflow_id)
        if failed:
            service.add_conflicts(workflow_id, failed)
        return len(items) - len(failed), len(failed)

    return run


def dismiss(workflow_id: str) -> Any:
    def run(service: SalesService) -> None:
        service.dismiss_conflicts(workflow_id)

    return run


class ConflictBanner(Banner):
    """The conflicts of one sale, with 'Apply again', 'Edit <step>' and 'Dismiss'."""

    applyClicked = Signal()
    editClicked = Signal(str)
    dismissClicked = Signal()

    def __init__(self) -> None:
        super().__init__("warning")
        self.setObjectName("conflictBanner")
        self._step = ""
        self.button.setText(translate("Conflicts", "&Apply again"))
        self.button.setAccessibleName(translate("Conflicts", "Apply the changes again"))
        self.button.clicked.disconnect()
        self.button.clicked.connect(self.applyClicked)
        self.edit_button = QPushButton()
        set_link(self.edit_button)
        self.edit_button.clicked.connect(lambda: self.editClicked.emit(self._step))
        self.dismiss_button = QPushButton(translate("Conflicts", "&Dismiss"))
        self.dismiss_button.setAccessibleName(translate("Conflicts", "Dismiss the changes"))
        set_link(self.dismiss_button)
        self.dismiss_button.clicked.connect(self.dismissClicked)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.conflicts: list[Mapping[str, Any]] = []

    def show_conflicts(self, summary: SaleSummary) -> None:
        conflicts: list[Mapping[str, Any]] = list(summary.conflicts)
        self.conflicts = conflicts
        if not conflicts:
            self.setVisible(False)
            return
        local = [c for c in conflicts if c.get("kind") != "rejected"]
        text = describe(conflicts, summary.status)
        self.set_kind("warning" if can_reapply(conflicts, summary.status) else "danger")
        self.label.setText(text)
        self.setAccessibleName(text)
        self.button.setVisible(can_reapply(conflicts, summary.status))
        steps = [str(c.get("signal")) for c in local if c.get("signal") in STEP_SIGNALS]
        self._step = steps[0] if steps else ""
        editable = bool(self._step) and summary.status in texts.OPEN_STATUSES
        self.edit_button.setVisible(editable and summary.status != "submit_pending")
        if self._step:
            title = texts.step_title(self._step)
            self.edit_button.setText(translate("Conflicts", "&Edit {step}").format(step=title))
            self.edit_button.setAccessibleName(
                translate("Conflicts", "Edit {step}").format(step=title)
            )
        self.dismiss_button.setVisible(bool(local))
        self.setVisible(True)
