"""The sale editor: one window per sale, a custom stepper rather than a QWizard.

Why not QWizard: a sale is edited non-linearly. The agent jumps back to Contact after
Lines are done, and the workflow then marks later steps "confirm again"; lookups finish
in the background and change pages the agent is not looking at; a step is confirmed by
an asynchronous, durable signal that may be rejected with field messages. QWizard's
model — a linear page sequence, synchronous ``validatePage()``, its own button logic —
fits none of that. The stepper shows every step with its state (done, confirm again, not
filled in, needs correction, unsaved changes) in a side list; any step can be opened at
any time; "Save and continue" sends that step's signal and moves on only once the signal
is durable.

Nothing typed is lost: fields not yet confirmed are kept as a draft file (on the worker
thread, half a second after the last keystroke and when the window closes) and put back
when the sale is opened again, at the step where the agent was.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from salesdesk.ui import texts
from salesdesk.ui.controller import AppController, CallError, SaleContext
from salesdesk.ui.drafts import Draft
from salesdesk.ui.sale import conflicts
from salesdesk.ui.sale.base import StepPage
from salesdesk.ui.sale.conflicts import ConflictBanner
from salesdesk.ui.sale.forms import ContactPage, CustomerPage, TermsPage
from salesdesk.ui.sale.lines import LinesPage
from salesdesk.ui.sale.review import ReviewPage, SubmitPage
from salesdesk.ui.sale.steplist import STEPS, StepList
from salesdesk.ui.theme import app_icon, icon, set_primary, set_role
from salesdesk.ui.widgets import Banner, Chip

if TYPE_CHECKING:
    from salesdesk.sales.pricelist import PriceList
    from salesdesk.sales.views import SaleSummary

DRAFT_DELAY_MS = 500
Page = StepPage | ReviewPage | SubmitPage


class SaleWindow(QWidget):
    closed = Signal()
    geometryToKeep = Signal(str)  # saveGeometry() as base64, when the window closes
    timelineRequested = Signal(str)
    quoteRequested = Signal(str)
    opened = Signal()

    def __init__(
        self,
        controller: AppController,
        workflow_id: str,
        *,
        load: bool = True,
        start_hint: str | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("saleWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.controller = controller
        self.workflow_id = workflow_id
        self.summary: SaleSummary | None = None
        self.is_open = False
        self._sending = False
        self._draft_saved = False
        self._closing = False
        self._show_when_ready = False
        self.setWindowTitle(self.tr("Sale"))
        self.setWindowIcon(app_icon())
        self.resize(1120, 800)

        # -- header
        self.title = QLabel(self.tr("Opening the sale…"))
        self.title.setObjectName("saleTitle")
        set_role(self.title, "title")
        self.chip = Chip()
        self.chip.setObjectName("saleStatus")
        self.subtitle = QLabel()
        set_role(self.subtitle, "muted")
        self.timeline_button = QPushButton(icon("timeline"), self.tr("&Timeline"))
        self.timeline_button.setAccessibleName(self.tr("Timeline"))
        self.timeline_button.clicked.connect(lambda: self.timelineRequested.emit(workflow_id))
        self.quote_button = QPushButton(icon("pdf"), self.tr("&Quote PDF"))
        self.quote_button.setAccessibleName(self.tr("Quote PDF"))
        self.quote_button.clicked.connect(lambda: self.quoteRequested.emit(workflow_id))
        self.cancel_button = QPushButton(icon("ban"), self.tr("Cancel sa&le…"))
        self.cancel_button.setAccessibleName(self.tr("Cancel sale"))
        self.cancel_button.clicked.connect(self.cancel_sale)
        header = QHBoxLayout()
        title_box = QVBoxLayout()
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addStretch(1)
        title_box.addLayout(title_row)
        title_box.addWidget(self.subtitle)
        header.addLayout(title_box, 1)
        for button in (self.timeline_button, self.quote_button, self.cancel_button):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)

        # -- banners
        self.restored = Banner()
        self.restored.setObjectName("restoredBanner")
        self.restored.actionClicked.connect(self.discard_draft)
        self.state_banner = Banner()
        self.state_banner.setObjectName("stateBanner")
        self.error_banner = Banner()
        self.error_banner.setObjectName("errorBanner")
        self.conflict_banner = ConflictBanner()
        self.conflict_banner.applyClicked.connect(self.reapply_conflicts)
        self.conflict_banner.editClicked.connect(lambda step: self.go(step, focus=True))
        self.conflict_banner.dismissClicked.connect(self.dismiss_conflicts)

        # -- pages: built when first needed, the rest one per idle turn after opening, so
        # that opening a sale never holds the UI thread for long.
        self.pages: dict[str, Page] = {}
        self.scrolls: dict[str, QScrollArea] = {}
        self.stack = QStackedWidget()
        self._price_list: PriceList | None = None
        self._pending_builds: list[str] = []
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_next)

        self.steps = StepList()
        self.steps.currentRowChanged.connect(self._step_clicked)

        # -- footer
        self.back_button = QPushButton(icon("back"), self.tr("&Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.clicked.connect(self.back)
        self.hint = QLabel()
        set_role(self.hint, "muted")
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setObjectName("nextButton")
        set_primary(self.next_button)
        self._next_icon_name = ""
        self._next_icon("next")
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeButton")
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.setContentsMargins(16, 8, 16, 12)
        footer.addWidget(self.back_button)
        footer.addSpacing(12)
        footer.addWidget(self.hint, 1)
        footer.addWidget(self.close_button)
        footer.addSpacing(6)
        footer.addWidget(self.next_button)

        # -- assembly
        top = QVBoxLayout()
        top.setContentsMargins(20, 14, 20, 6)
        top.setSpacing(8)
        top.addLayout(header)
        top.addWidget(self.restored)
        top.addWidget(self.state_banner)
        top.addWidget(self.conflict_banner)
        top.addWidget(self.error_banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.steps)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setForegroundRole(QPalette.ColorRole.Mid)
        body.addWidget(line)
        body.addWidget(self.stack, 1)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addLayout(top)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Plain)
        separator.setForegroundRole(QPalette.ColorRole.Mid)
        root.addWidget(separator)
        root.addLayout(body, 1)
        root.addLayout(footer)

        QShortcut(QKeySequence("Ctrl+Return"), self, self.next)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.next)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self._move(+1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self._move(-1))
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

        self._set_enabled(False)
        if load:
            controller.watch(workflow_id)
            controller.summaryChanged.connect(self._on_summary)
            controller.open_sale(workflow_id, self._opened, self._open_failed, owner=self)
        if start_hint in STEPS:
            # Build the page the sale will most likely open on while the service thread
            # reads the sale: two shorter event-loop turns instead of one long one.
            QTimer.singleShot(0, lambda: self._prebuild(str(start_hint)))

    def _prebuild(self, step: str) -> None:
        if step not in self.pages and not self._closing:
            self._build(step)

    # ------------------------------------------------------------------ pages
    def _build(self, step: str) -> Page:
        controller, wid = self.controller, self.workflow_id
        page: Page
        if step == "customer":
            customer = CustomerPage(controller, wid)
            customer.autoConfirm.connect(self._auto_confirm_customer)
            customer.retryLookup.connect(self._auto_confirm_customer)
            page = customer
        elif step == "contact":
            page = ContactPage(controller, wid)
        elif step == "lines":
            lines = LinesPage(controller, wid)
            if self.is_open:  # otherwise the list arrives with the sale (_opened)
                lines.set_price_list(self._price_list)
            page = lines
        elif step == "terms":
            page = TermsPage(controller, wid)
        elif step == "review":
            review = ReviewPage()
            review.navigate.connect(lambda target: self.go(target, focus=True))
            page = review
        else:
            page = SubmitPage()
        if isinstance(page, StepPage):
            page.edited.connect(lambda p=page: self._edited(p))
            page.confirmRequested.connect(self.next)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Into the stack first, then the page: the page tree is polished once, in its
        # final place (the other order polishes it twice).
        self.stack.addWidget(scroll)
        scroll.setWidget(page)
        self.pages[step] = page
        self.scrolls[step] = scroll
        self._fix_tab_order()
        return page

    def _fix_tab_order(self) -> None:
        """Header, step list, the page's fields, footer. Pages are built lazily, after the
        footer, so their fields would otherwise come last in the tab chain."""
        order: list[QWidget] = [
            self.timeline_button,
            self.quote_button,
            self.cancel_button,
            self.restored.button,
            self.steps,
        ]
        for step in STEPS:
            page = self.pages.get(step)
            if page is not None:
                order += _focus_chain(page)
        order += [self.back_button, self.close_button, self.next_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _build_next(self) -> None:
        while self._pending_builds:
            step = self._pending_builds.pop(0)
            if step not in self.pages:
                self._build(step)
                break
        if self._pending_builds:
            self._build_timer.start()

    def page(self, step: str) -> Page:
        """The page of a step, built now if it was not yet, and showing the latest summary."""
        page = self.pages.get(step) or self._build(step)
        summary = self.summary
        if summary is not None and page.summary is not summary:
            self._load(page, summary)
        return page

    def _load(self, page: Page, summary: SaleSummary) -> None:
        page.load(summary)
        page.set_read_only(summary.status in texts.READ_ONLY_STATUSES)
        if isinstance(page, StepPage):
            self._update_step_state(page)

    @property
    def customer(self) -> CustomerPage:
        page = self.page("customer")
        assert isinstance(page, CustomerPage)
        return page

    @property
    def contact(self) -> ContactPage:
        page = self.page("contact")
        assert isinstance(page, ContactPage)
        return page

    @property
    def lines(self) -> LinesPage:
        page = self.page("lines")
        assert isinstance(page, LinesPage)
        return page

    @property
    def terms(self) -> TermsPage:
        page = self.page("terms")
        assert isinstance(page, TermsPage)
        return page

    @property
    def review(self) -> ReviewPage:
        page = self.page("review")
        assert isinstance(page, ReviewPage)
        return page

    @property
    def submit_page(self) -> SubmitPage:
        page = self.page("submit")
        assert isinstance(page, SubmitPage)
        return page

    def step_pages(self) -> list[StepPage]:
        """The step pages built so far (one never built holds nothing unsaved)."""
        return [p for p in self.pages.values() if isinstance(p, StepPage)]

    # ------------------------------------------------------------------ helpers

    def current_step(self) -> str:
        widget = self.stack.currentWidget()
        for step, scroll in self.scrolls.items():
            if scroll is widget:
                return step
        return "customer"

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.stack,
            self.steps,
            self.next_button,
            self.back_button,
            self.timeline_button,
            self.quote_button,
            self.cancel_button,
        ):
            widget.setEnabled(enabled)

    # ------------------------------------------------------------------ opening
    def _opened(self, context: SaleContext) -> None:
        self._set_enabled(True)
        self._price_list = context.price_list
        if "lines" in self.pages:
            self.lines.set_price_list(context.price_list)
        summary = context.summary
        self.apply(summary)
        start = summary.current_step
        if summary.status in texts.READ_ONLY_STATUSES:
            start = "submit"
        draft = context.draft
        restored = False
        if draft is not None and draft.fields and summary.status not in texts.READ_ONLY_STATUSES:
            self._draft_saved = True
            for step, values in draft.fields.items():
                if step in STEPS[:4] and values:
                    page = self.page(step)
                    assert isinstance(page, StepPage)
                    page.restore(values)
                    self._update_step_state(page)
                    restored = restored or page.is_dirty()
        if restored and draft is not None:
            if draft.page in STEPS:
                start = draft.page
            when = texts.format_datetime(draft.saved_at)
            self.restored.show_message(
                "info",
                self.tr("Restored what you typed on {when} but had not saved yet.").format(
                    when=when
                ),
                self.tr("&Discard these changes"),
            )
        elif draft is not None:
            # Nothing in it differs from the sale any more (the step was confirmed just
            # before the window closed, say): the draft has served its purpose.
            self.controller.delete_draft(self.workflow_id)
            self._draft_saved = False
        self.is_open = True
        self.go(start, focus=True)
        self._update_footer()
        self._show_now()
        self._pending_builds = [step for step in STEPS if step not in self.pages]
        self._build_timer.start()
        self.opened.emit()

    def _open_failed(self, error: CallError) -> None:
        self.title.setText(self.tr("This sale could not be opened"))
        self.error_banner.show_message("danger", error.message)
        self.close_button.setEnabled(True)
        self._show_now()

    def show_when_ready(self) -> None:
        """Show the window once the sale is loaded (one paint, with content), not before."""
        self._show_when_ready = True
        if self.is_open:
            self._show_now()

    def _show_now(self) -> None:
        if self._show_when_ready:
            self._show_when_ready = False
            self.show()
            self.raise_()
            self.activateWindow()

    # ------------------------------------------------------------------ summary
    def _on_summary(self, summary: SaleSummary) -> None:
        if summary.workflow_id == self.workflow_id and self.is_open:
            previous = self.summary
            self.apply(summary)
            if (
                previous is not None
                and summary.status != previous.status
                and summary.status in ("submitted", "accepted", "submit_pending")
                and self.current_step() == "review"
            ):
                self.go("submit")

    def apply(self, summary: SaleSummary) -> None:
        self.summary = summary
        customer = summary.customer
        name = customer.company_name or customer.vat_number if customer else None
        self.title.setText(name or self.tr("New sale"))
        self.setWindowTitle(self.tr("Sale — {name}").format(name=name or self.tr("new")))
        self.chip.set_chip(texts.status_text(summary.status), texts.status_chip(summary.status))
        parts = [
            self.tr("Quote valid until {date}").format(date=texts.format_date(summary.expires_at)),
            self.tr("Price list {version}").format(version=summary.price_list_version),
            self.tr("Total {gross}").format(
                gross=texts.money(summary.totals.gross, summary.totals.currency)
            ),
        ]
        if summary.order_number:
            parts.insert(0, self.tr("Order {number}").format(number=summary.order_number))
        self.subtitle.setText("  ·  ".join(parts))
        # Only the page on screen takes the summary now; the others when they are shown.
        current = self.pages.get(self.current_step())
        if current is not None:
            self._load(current, summary)
        for view in summary.steps:
            built = self.pages.get(view.name)
            if isinstance(built, StepPage):
                self._update_step_state(built)
            else:
                self.steps.set_state(view.name, view.status, texts.step_note_text(view))
        stopped = texts.submit_stopped_text(summary) is not None
        waiting = summary.status in ("awaiting_lookups", "submit_pending")
        review_state = (
            "done"
            if not summary.problems
            else "approval"
            if summary.status == "awaiting_approval"
            else "pending"
            if waiting
            else "empty"
        )
        closed = summary.status in ("cancelled", "expired")
        if closed:  # not "Ready to submit": a cancelled or expired sale is never submitted
            review_state = "closed"
        self.steps.set_state("review", review_state)
        submit_state = {
            "submitted": "done",
            "accepted": "done",
            "submit_pending": "pending",
        }.get(summary.status, "invalid" if stopped else "closed" if closed else "empty")
        self.steps.set_state("submit", submit_state)
        self.steps.viewport().update()
        self._show_state_banner(summary)
        self.conflict_banner.show_conflicts(summary)
        self.quote_button.setEnabled(bool(summary.lines))
        self.cancel_button.setEnabled(
            summary.status in texts.OPEN_STATUSES and not summary.submit_pending
        )
        self._update_footer()

    def _show_state_banner(self, summary: SaleSummary) -> None:
        status = summary.status
        if status == "submit_pending":
            self.state_banner.show_message(
                "info",
                self.tr(
                    "This sale is waiting for its lookups and then submits by itself; "
                    "it cannot be changed meanwhile."
                ),
            )
        elif status in ("submitted", "accepted"):
            self.state_banner.show_message(
                "ok", self.tr("This sale was submitted; it can no longer be changed.")
            )
        elif status == "cancelled":
            self.state_banner.show_message(
                "danger",
                self.tr("This sale was cancelled: {reason}").format(
                    reason=summary.cancel_reason or "?"
                ),
            )
        elif status == "expired":
            self.state_banner.show_message(
                "danger",
                self.tr("The quote expired on {date}.").format(
                    date=texts.format_date(summary.expires_at)
                ),
            )
        else:
            self.state_banner.show_message("info", "")

    def _update_step_state(self, page: StepPage) -> None:
        if self.summary is None:
            return
        view = next((v for v in self.summary.steps if v.name == page.step), None)
        state: str = view.status if view is not None else "empty"
        note = texts.step_note_text(view) if view is not None else None
        if page.is_dirty() and not page.read_only:
            state = "edited"
        self.steps.set_state(page.step, state, note)

    # ------------------------------------------------------------------ navigation
    def go(self, step: str, *, focus: bool = False) -> None:
        self.page(step)
        self.stack.setCurrentWidget(self.scrolls[step])
        self.steps.blockSignals(True)
        self.steps.select_step(step)
        self.steps.blockSignals(False)
        self.error_banner.show_message("info", "")
        self.scrolls[step].verticalScrollBar().setValue(0)
        self._update_footer()
        if focus:
            target = self.page(step).first_input()
            if target is not None and target.isEnabled():
                target.setFocus()
            else:
                self.next_button.setFocus()

    def _step_clicked(self, row: int) -> None:
        if 0 <= row < len(STEPS):
            self.go(STEPS[row])

    def _move(self, delta: int) -> None:
        index = STEPS.index(self.current_step()) + delta
        if 0 <= index < len(STEPS):
            self.go(STEPS[index], focus=True)

    def back(self) -> None:
        self._move(-1)

    def next(self) -> None:
        if not self.is_open or self._sending:
            return
        step = self.current_step()
        page = self.page(step)
        if isinstance(page, StepPage):
            following = STEPS[STEPS.index(step) + 1]
            needs_signal = not page.read_only and (
                page.is_dirty() or self.steps.step_state(step) in ("empty", "stale", "invalid")
            )
            if not needs_signal:
                self.go(following, focus=True)
                return
            self._send(page, then=following)
        elif step == "review":
            self.submit()

    def _update_footer(self) -> None:
        if not self.is_open:
            self.next_button.setEnabled(False)
            self.back_button.setEnabled(False)
            return
        step = self.current_step()
        page = self.page(step)
        self.back_button.setEnabled(self.is_open and step != STEPS[0])
        self.next_button.setVisible(step != "submit")
        summary = self.summary
        editable = summary is not None and summary.status not in texts.READ_ONLY_STATUSES
        if isinstance(page, StepPage):
            state = self.steps.step_state(step)
            if not editable:
                text, hint = self.tr("&Next"), ""
            elif state == "stale":
                text = self.tr("&Confirm and continue")
                hint = self.tr("Check this step and confirm it again.")
            elif state == "done":
                text, hint = self.tr("&Next"), ""
            else:
                text = self.tr("&Save and continue")
                hint = self.tr("Saved on this computer when you continue (Ctrl+Enter).")
            self.next_button.setText(text)
            self._next_icon("next")
            self.next_button.setEnabled(self.is_open and not self._sending)
            self.hint.setText(hint)
        elif step == "review":
            self.next_button.setText(self.tr("&Submit sale"))
            self._next_icon("send")
            # "draft" and "awaiting_approval" have problems besides running lookups, which
            # the workflow would refuse; with only lookups running it submits by itself.
            status = summary.status if summary is not None else ""
            can_submit = editable and status in ("ready", "awaiting_lookups")
            self.next_button.setEnabled(self.is_open and can_submit and not self._sending)
            if status == "awaiting_lookups":
                hint = self.tr(
                    "Lookups are still running: submit now and the sale submits by itself "
                    "when they finish."
                )
            elif editable and not can_submit:
                hint = self.tr("Settle the points above to submit.")
            else:
                hint = ""
            self.hint.setText(hint)
        else:
            self.hint.setText("")
        self.next_button.setAccessibleName(self.next_button.text().replace("&", ""))

    def _next_icon(self, name: str) -> None:
        if self._next_icon_name != name:
            self._next_icon_name = name
            self.next_button.setIcon(icon(name, "on_accent"))

    # ------------------------------------------------------------------ signals
    def _send(self, page: StepPage, *, then: str | None) -> None:
        payload = page.payload()
        sent_values = page.values()
        self._sending = True
        self._update_footer()

        def done(_ack: object) -> None:
            self._sending = False
            page._loaded = sent_values  # the summary that follows brings the normalised form
            page.clear_errors()
            self._update_step_state(page)
            self.save_draft()
            if then is not None:
                self.go(then, focus=True)
            self._update_footer()

        def failed(error: CallError) -> None:
            self._sending = False
            self._update_footer()
            if error.kind == "rejected":
                if then is not None:
                    self.go(page.step)
                page.show_errors(error.fields)
            else:
                self.error_banner.show_message("danger", error.message)

        self.controller.signal(self.workflow_id, page.step, payload, done, failed, owner=self)

    def _auto_confirm_customer(self) -> None:
        if self._sending or self.customer.read_only:
            return
        self._send(self.customer, then=None)

    def submit(self) -> None:
        self._sending = True
        self._update_footer()

        def done(_ack: object) -> None:
            self._sending = False
            self.go("submit", focus=True)

        def failed(error: CallError) -> None:
            self._sending = False
            self._update_footer()
            self.error_banner.show_message(
                "danger",
                self.tr("The sale was not submitted: {reason}").format(reason=error.message),
            )

        self.controller.signal(self.workflow_id, "submit", {}, done, failed, owner=self)

    def cancel_sale(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Cancel sale"),
            self.tr("Why is this sale cancelled?"),
        )
        if not ok or not reason.strip():
            return
        self.controller.signal(
            self.workflow_id,
            "cancel",
            {"reason": reason.strip()},
            None,
            lambda e: self.error_banner.show_message("danger", e.message),
            owner=self,
        )

    # ------------------------------------------------------------------ sync conflicts
    def _conflicts_changed(self) -> None:
        self.controller.request_summary(self.workflow_id)
        self.controller.refresh_overview()

    def reapply_conflicts(self) -> None:
        def done(result: tuple[int, int]) -> None:
            applied, failing = result
            self._conflicts_changed()
            if failing:
                self.error_banner.show_message(
                    "danger",
                    self.tr(
                        "%n change(s) still could not be applied; the reasons are shown "
                        "above. Edit the step to enter them differently, or dismiss them.",
                        None,
                        failing,
                    ),
                )
            elif applied:
                self.error_banner.show_message(
                    "ok", self.tr("%n change(s) applied again.", None, applied)
                )

        def failed(error: CallError) -> None:
            self._conflicts_changed()
            self.error_banner.show_message("danger", error.message)

        self.controller.call(
            conflicts.reapply(self.workflow_id),
            done,
            failed,
            owner=self,
            interactive=True,
            label=self.tr("Applying your changes again…"),
        )

    def dismiss_conflicts(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Dismiss changes"),
            self.tr(
                "Dismiss the changes that could not be applied? They are removed from this "
                "computer; the sale stays as it is now."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.controller.call(
            conflicts.dismiss(self.workflow_id),
            lambda _r: self._conflicts_changed(),
            lambda e: self.error_banner.show_message("danger", e.message),
            owner=self,
        )

    # ------------------------------------------------------------------ drafts
    def _edited(self, page: StepPage) -> None:
        self._update_step_state(page)
        self._update_footer()
        self._draft_timer.start()

    def draft(self) -> Draft:
        fields: dict[str, dict[str, Any]] = {
            page.step: page.values() for page in self.step_pages() if page.is_dirty()
        }
        return Draft(self.workflow_id, self.current_step(), fields)

    def save_draft(self) -> None:
        """Keep unconfirmed fields on disk (worker thread); no draft when nothing is open."""
        self._draft_timer.stop()
        if not self.is_open:
            return
        draft = self.draft()
        if draft.fields:
            self.controller.save_draft(draft)
            self._draft_saved = True
        elif self._draft_saved:
            self.controller.delete_draft(self.workflow_id)
            self._draft_saved = False
            self.restored.show_message("info", "")

    def discard_draft(self) -> None:
        if self.summary is not None:
            for page in self.step_pages():
                page.load(self.summary, force=True)
                self._update_step_state(page)
        self.controller.delete_draft(self.workflow_id)
        self._draft_saved = False
        self.restored.show_message("info", "")
        self._update_footer()

    # ------------------------------------------------------------------ closing
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            self._closing = True
            self.save_draft()  # does nothing if the sale never opened
            self.controller.watch(self.workflow_id, False)
            if self.is_open:
                self.geometryToKeep.emit(bytes(self.saveGeometry().toBase64().data()).decode())
            self.closed.emit()
        event.accept()


def warm_up_steps(controller: AppController) -> list[Callable[[], None]]:
    """Build each kind of page once, off screen, and throw it away.

    The first page of a kind costs several times what later ones do (Python enum flag
    combinations, style and font caches, icon renderers). Run one step per idle turn
    after start-up, so that the first sale the agent opens feels like the tenth."""

    def one(make: Callable[[], QWidget]) -> Callable[[], None]:
        def run() -> None:
            widget = make()
            widget.resize(900, 700)
            widget.ensurePolished()
            widget.grab()  # layout and paint paths, into a pixmap
            widget.deleteLater()

        return run

    return [
        one(lambda: CustomerPage(controller, "warm-up")),
        one(lambda: ContactPage(controller, "warm-up")),
        one(lambda: LinesPage(controller, "warm-up")),
        one(lambda: TermsPage(controller, "warm-up")),
        one(ReviewPage),
        one(SubmitPage),
        one(lambda: SaleWindow(controller, "warm-up", load=False)),
    ]


def _focus_chain(root: QWidget) -> list[QWidget]:
    """root's descendants that take Tab focus, in focus-chain (creation) order."""
    found: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not root and widget is not None and len(found) < 500:
        if (
            root.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)
        ):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found
