"""The sales list: a table model over the engine's cached listings, and its filter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from salesdesk.ui import texts
from salesdesk.ui.i18n import translate
from salesdesk.ui.theme import icon, tokens

if TYPE_CHECKING:
    from salesdesk.flow.engine import WorkflowRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4
CONFLICTS_ROLE = Qt.ItemDataRole.UserRole + 5

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SaleRow:
    workflow_id: str
    customer: str | None
    vat_number: str | None
    status: str
    gross: Decimal
    currency: str
    step: str
    updated_at: str
    unsynced: int
    order_number: str | None
    needs_approval: bool
    conflicts: int = 0  # local changes sync could not carry over (see SaleWindow)

    @classmethod
    def from_row(cls, row: WorkflowRow, conflicts: int = 0) -> SaleRow:
        listing = row.listing or {}
        return cls(
            workflow_id=row.workflow_id,
            customer=listing.get("customer"),
            vat_number=listing.get("vat_number"),
            status=str(listing.get("status") or row.status),
            gross=texts.to_decimal(listing.get("gross") or "0"),
            currency=str(listing.get("currency") or "EUR"),
            step=str(listing.get("current_step") or ""),
            updated_at=row.updated_at,
            unsynced=max(0, row.position - row.synced_position),
            order_number=listing.get("order_number"),
            needs_approval=bool(listing.get("needs_approval")),
            conflicts=conflicts,
        )


COLUMNS = ("customer", "status", "gross", "step", "updated", "sync")


class SalesTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SaleRow] = []
        self._headers: dict[str, str] = {}

    # -- updates keep selection and scroll position: rows are changed, inserted or removed,
    # never reset.
    def set_rows(self, rows: Sequence[SaleRow]) -> None:
        wanted = {r.workflow_id: r for r in rows}
        for index in range(len(self._rows) - 1, -1, -1):
            if self._rows[index].workflow_id not in wanted:
                self.beginRemoveRows(QModelIndex(), index, index)
                del self._rows[index]
                self.endRemoveRows()
        position = {r.workflow_id: i for i, r in enumerate(self._rows)}
        new = [r for r in rows if r.workflow_id not in position]
        for wid, index in position.items():
            if self._rows[index] != wanted[wid]:
                self._rows[index] = wanted[wid]
                self.dataChanged.emit(self.index(index, 0), self.index(index, len(COLUMNS) - 1))
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()

    def row_at(self, row: int) -> SaleRow:
        return self._rows[row]

    def rows(self) -> list[SaleRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section] == "gross":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if not self._headers:  # asked for on every paint; translate once
            self._headers = self._header_texts()
        return self._headers[COLUMNS[section]]

    def _header_texts(self) -> dict[str, str]:
        return {
            "customer": self.tr("Customer"),
            "status": self.tr("Status"),
            "gross": self.tr("Gross total"),
            "step": self.tr("Step"),
            "updated": self.tr("Last change"),
            "sync": self.tr("Sync"),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == ID_ROLE:
            return row.workflow_id
        if role == STATUS_ROLE:
            return row.status
        if role == CONFLICTS_ROLE:
            return row.conflicts
        if role == SEARCH_ROLE:
            return " ".join(
                filter(
                    None,
                    [
                        row.customer,
                        row.vat_number,
                        row.workflow_id,
                        row.order_number,
                        texts.status_text(row.status),
                    ],
                )
            ).lower()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "gross":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == "status":
                return icon(_STATUS_ICONS.get(row.status, "circle"), _status_color(row.status))
            if column == "sync":
                if row.conflicts:
                    return icon("alert", "danger")
                return icon("check-circle", "success") if row.unsynced == 0 else icon("sync")
        if role == Qt.ItemDataRole.ForegroundRole and column in ("step", "updated"):
            return QColor(tokens().muted)
        if role == Qt.ItemDataRole.ForegroundRole and column == "sync" and row.conflicts:
            return QColor(tokens().danger)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "sync":
                if row.conflicts:
                    return translate(
                        "SalesTableModel",
                        "%n change(s) made on this computer could not be applied after "
                        "syncing; open the sale to apply them again or dismiss them",
                        None,
                        row.conflicts,
                    )
                if row.unsynced == 0:
                    return self.tr("Everything is uploaded")
                return translate(
                    "SalesTableModel", "%n event(s) not uploaded yet", None, row.unsynced
                )
            if column == "updated":
                return texts.format_datetime(row.updated_at)
            if column == "customer" and row.vat_number:
                return row.vat_number
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column)
        return None

    def _display(self, row: SaleRow, column: str) -> str:
        if column == "customer":
            return row.customer or self.tr("(no customer yet)")
        if column == "status":
            text = texts.status_text(row.status)
            return f"{text} · {row.order_number}" if row.order_number else text
        if column == "gross":
            return texts.money(row.gross, row.currency)
        if column == "step":
            return "" if row.status not in texts.OPEN_STATUSES else texts.step_title(row.step)
        if column == "updated":
            return texts.relative_time(row.updated_at)
        if column == "sync":
            if row.conflicts:
                return translate("SalesTableModel", "%n conflict(s)", None, row.conflicts)
            if row.unsynced == 0:
                return self.tr("Uploaded")
            return translate("SalesTableModel", "%n to upload", None, row.unsynced)
        return ""

    @staticmethod
    def _sort_key(row: SaleRow, column: str) -> Any:
        if column == "customer":
            return (row.customer or "").casefold()
        if column == "status":
            order = (*texts.OPEN_STATUSES, "submitted", "accepted", "cancelled", "expired")
            return order.index(row.status) if row.status in order else 99
        if column == "gross":
            return float(row.gross)  # only for ordering; the display uses the Decimal
        if column == "step":
            return row.step
        if column == "updated":
            return row.updated_at
        return (-row.conflicts, row.unsynced)


_STATUS_ICONS = {
    "draft": "edit",
    "awaiting_lookups": "hourglass",
    "awaiting_approval": "approvals",
    "ready": "check-circle",
    "submit_pending": "hourglass",
    "submitted": "send",
    "accepted": "check-circle",
    "cancelled": "ban",
    "expired": "ban",
}


def _status_color(status: str) -> str:
    return {"ok": "success", "warning": "warning", "danger": "danger", "info": "info"}.get(
        texts.status_chip(status), "muted"
    )


def refilter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Change a proxy's filter criteria and re-filter (Qt 6.9+ API, older fallback)."""
    begin = getattr(proxy, "beginFilterChange", None)
    if begin is None:
        change()
        proxy.invalidateRowsFilter()
        return
    begin()
    change()
    proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)


#: Filters offered above the list: key -> statuses (empty = all).
STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "all": (),
    "open": texts.OPEN_STATUSES,
    "approval": ("awaiting_approval",),
    "ready": ("ready",),
    "waiting": ("awaiting_lookups", "submit_pending"),
    "done": ("submitted", "accepted"),
    "closed": ("cancelled", "expired"),
    "conflicts": (),  # handled by SalesFilterProxy: sales with sync conflicts
}


class SalesFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses: tuple[str, ...] = ()
        self._conflicts_only = False
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_status_filter(self, key: str) -> None:
        def change() -> None:
            self._statuses = STATUS_FILTERS.get(key, ())
            self._conflicts_only = key == "conflicts"

        refilter(self, change)

    def set_search(self, text: str) -> None:
        refilter(self, lambda: setattr(self, "_words", text.casefold().split()))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._statuses and model.data(index, STATUS_ROLE) not in self._statuses:
            return False
        if self._conflicts_only and not model.data(index, CONFLICTS_ROLE):
            return False
        if self._words:
            haystack = str(model.data(index, SEARCH_ROLE)).casefold()
            return all(word in haystack for word in self._words)
        return True
