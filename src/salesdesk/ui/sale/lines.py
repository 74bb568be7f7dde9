"""The Lines step: a product picker over the sale's own price snapshot, the lines with
quantity and discount, and live totals with the VAT breakdown.

Totals are computed here with the same functions the workflow uses
(``money.price_line`` / ``compute_totals``: pure Decimal arithmetic, no I/O), so the
figures shown while typing are the ones the sale will record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.sales.money import LineAmounts, compute_totals, price_line
from salesdesk.ui import texts
from salesdesk.ui.controller import AppController
from salesdesk.ui.models import refilter
from salesdesk.ui.sale.base import StepPage
from salesdesk.ui.sale.forms import _current_lookup
from salesdesk.ui.theme import icon, set_role, tokens
from salesdesk.ui.widgets import FieldMessage, card, heading

if TYPE_CHECKING:
    from salesdesk.sales.pricelist import PriceItem, PriceList
    from salesdesk.sales.views import SaleSummary

Index = QModelIndex | QPersistentModelIndex
SKU_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


# --------------------------------------------------------------------------- products


class ProductsModel(QAbstractTableModel):
    COLUMNS = ("sku", "name", "unit", "price", "vat")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[PriceItem] = []
        self._currency = "EUR"
        self._headers: tuple[str, ...] = ()

    def set_price_list(self, price_list: PriceList | None) -> None:
        self.beginResetModel()
        self._items = list(price_list.items) if price_list is not None else []
        self._currency = price_list.currency if price_list is not None else "EUR"
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not self._headers:  # asked for on every paint; translate once
            self._headers = (
                self.tr("SKU"), self.tr("Product"), self.tr("Unit"), self.tr("Unit price"),
                self.tr("VAT"),
            )  # fmt: skip
        return self._headers[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == SKU_ROLE:
            return item.sku
        if role == SEARCH_ROLE:
            return f"{item.sku} {item.name} {item.category}".casefold()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == "sku":
                return item.sku
            if column == "name":
                return item.name
            if column == "unit":
                return texts.unit_text(item.unit)
            if column == "price":
                return texts.money(item.unit_price, self._currency)
            return texts.percent(item.vat_rate)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.name}\n{item.category}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("price", "vat"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == "sku":
            return QColor(tokens().muted)
        return None


class ProductsFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        refilter(self, lambda: setattr(self, "_words", text.casefold().split()))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = str(model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE))
        return all(word in haystack for word in self._words)


# --------------------------------------------------------------------------- lines


@dataclass
class Line:
    sku: str
    quantity: int
    discount: Decimal


class LinesModel(QAbstractTableModel):
    COLUMNS = ("sku", "name", "quantity", "price", "discount", "net", "vat", "gross")
    linesChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []
        self.price_list: PriceList | None = None
        self.errors: dict[int, str] = {}
        self.read_only = False
        self._headers: tuple[str, ...] = ()

    def set_price_list(self, price_list: PriceList | None) -> None:
        self.beginResetModel()
        self.price_list = price_list
        self.endResetModel()

    def set_lines(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.errors = {}
        self.endResetModel()

    def add(self, sku: str, quantity: int, discount: Decimal) -> int:
        """Add a product, or add to its quantity if it is already on a line (one line per
        product); returns the row."""
        for row, line in enumerate(self.lines):
            if line.sku == sku:
                line.quantity = min(line.quantity + quantity, 100_000)
                line.discount = discount
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
                self.linesChanged.emit()
                return row
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(Line(sku, quantity, discount))
        self.endInsertRows()
        self.linesChanged.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
            self.errors = {}
            self.linesChanged.emit()

    def amounts(self, line: Line) -> LineAmounts | None:
        product = self.price_list.get(line.sku) if self.price_list is not None else None
        if product is None or self.price_list is None:
            return None
        try:
            return price_line(
                product.unit_price,
                line.quantity,
                line.discount,
                product.vat_rate,
                self.price_list.currency,
            )
        except ValueError:
            return None

    @property
    def currency(self) -> str:
        return self.price_list.currency if self.price_list is not None else "EUR"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not self._headers:
            self._headers = (
                self.tr("SKU"), self.tr("Product"), self.tr("Quantity"), self.tr("Unit price"),
                self.tr("Discount %"), self.tr("Net"), self.tr("VAT"), self.tr("Gross"),
            )  # fmt: skip
        return self._headers[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.read_only and self.COLUMNS[index.column()] in ("quantity", "discount"):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = self.COLUMNS[index.column()]
        product = self.price_list.get(line.sku) if self.price_list is not None else None
        if role == Qt.ItemDataRole.EditRole:
            if column == "quantity":
                return line.quantity
            if column == "discount":
                return float(line.discount)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == "sku":
                return line.sku
            if column == "name":
                return product.name if product is not None else self.tr("(not in price list)")
            if column == "quantity":
                unit = f" {texts.unit_text(product.unit)}" if product is not None else ""
                return f"{line.quantity}{unit}"
            if column == "price":
                return texts.money(product.unit_price, self.currency) if product else ""
            if column == "discount":
                return texts.percent(line.discount)
            amounts = self.amounts(line)
            if amounts is None:
                return ""
            value = {"net": amounts.net, "vat": amounts.vat, "gross": amounts.gross}[column]
            return texts.money(value, self.currency)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("sku", "name"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self.errors:
            return QColor(tokens().danger_bg)
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.row() in self.errors:
                return self.errors[index.row()]
            if column in ("quantity", "discount") and not self.read_only:
                return self.tr("Double-click or press F2 to change")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.lines[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "quantity":
            line.quantity = int(value)
        elif column == "discount":
            line.discount = Decimal(str(round(float(value), 2))).normalize()
            if line.discount == line.discount.to_integral_value():
                line.discount = line.discount.quantize(Decimal(1))
        else:
            return False
        self.errors.pop(index.row(), None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 7))
        self.linesChanged.emit()
        return True


class _LineEditor(QStyledItemDelegate):
    """Spin boxes for quantity and discount, with accessible names."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = LinesModel.COLUMNS[index.column()]
        if column == "quantity":
            spin = QSpinBox(parent)
            spin.setRange(1, 100_000)
            spin.setAccessibleName(self.tr("Quantity of line {n}").format(n=index.row() + 1))
            return spin
        dspin = QDoubleSpinBox(parent)
        dspin.setRange(0, 100)
        dspin.setDecimals(2)
        dspin.setSingleStep(1)
        dspin.setSuffix(" %")
        dspin.setAccessibleName(self.tr("Discount of line {n}").format(n=index.row() + 1))
        return dspin

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


# --------------------------------------------------------------------------- page


class LinesPage(StepPage):
    step = "lines"

    def __init__(self, controller: AppController, workflow_id: str) -> None:
        super().__init__(controller, workflow_id)
        self.intro.setText(
            self.tr(
                "Pick products from the sale's price list (search by SKU or name), set "
                "the quantity and any discount. Totals update as you type."
            )
        )
        self.products = ProductsModel(self)
        self.products_filter = ProductsFilter(self)
        self.products_filter.setSourceModel(self.products)
        self.model = LinesModel(self)
        self.model.linesChanged.connect(self._lines_changed)

        # -- picker
        self.search = QLineEdit()
        self.search.setObjectName("productSearch")
        self.search.setPlaceholderText(self.tr("Search by SKU, name or category"))
        self.search.setAccessibleName(self.tr("Search products"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search", "muted"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._search_enter)
        search_label = QLabel(self.tr("&Find product:"))
        search_label.setBuddy(self.search)
        self.product_table = QTableView()
        self.product_table.setObjectName("productTable")
        self.product_table.setAccessibleName(self.tr("Products in the price list"))
        self.product_table.setModel(self.products_filter)
        self.product_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.product_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.product_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.product_table.verticalHeader().setVisible(False)
        self.product_table.verticalHeader().setDefaultSectionSize(26)
        self.product_table.setShowGrid(False)
        self.product_table.setAlternatingRowColors(True)
        self.product_table.setMinimumHeight(150)
        self.product_table.setWordWrap(False)
        self.product_table.setTabKeyNavigation(False)  # Tab leaves; arrows move
        header = self.product_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 150), (2, 60), (3, 110), (4, 60)):
            self.product_table.setColumnWidth(column, width)
        self.product_table.activated.connect(lambda _i: self.add_selected())
        self.quantity = QSpinBox()
        self.quantity.setObjectName("addQuantity")
        self.quantity.setRange(1, 100_000)
        self.quantity.setAccessibleName(self.tr("Quantity to add"))
        quantity_label = QLabel(self.tr("&Quantity:"))
        quantity_label.setBuddy(self.quantity)
        self.discount = QDoubleSpinBox()
        self.discount.setObjectName("addDiscount")
        self.discount.setRange(0, 100)
        self.discount.setDecimals(2)
        self.discount.setSuffix(" %")
        self.discount.setAccessibleName(self.tr("Discount percent to add"))
        discount_label = QLabel(self.tr("D&iscount:"))
        discount_label.setBuddy(self.discount)
        self.add_button = QPushButton(icon("plus"), self.tr("&Add line"))
        self.add_button.setObjectName("addLine")
        self.add_button.setAccessibleName(self.tr("Add line"))
        self.add_button.clicked.connect(self.add_selected)
        picker = QWidget()
        grid = QGridLayout(picker)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(search_label, 0, 0)
        grid.addWidget(self.search, 0, 1, 1, 6)
        grid.addWidget(self.product_table, 1, 0, 1, 7)
        grid.addWidget(quantity_label, 2, 0)
        grid.addWidget(self.quantity, 2, 1)
        grid.addWidget(discount_label, 2, 2)
        grid.addWidget(self.discount, 2, 3)
        grid.setColumnStretch(5, 1)
        grid.addWidget(self.add_button, 2, 6)
        self.picker_card = card(heading(self.tr("Price list")), picker)
        self.outer.addWidget(self.picker_card)

        # -- lines
        self.table = QTableView()
        self.table.setObjectName("linesTable")
        self.table.setAccessibleName(self.tr("Lines of the sale"))
        self.table.setModel(self.model)
        self.table.setItemDelegate(_LineEditor(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setShowGrid(False)
        self.table.setMinimumHeight(120)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        lines_header = self.table.horizontalHeader()
        lines_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 125)
        for column in range(2, len(LinesModel.COLUMNS)):
            lines_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.remove_button = QPushButton(icon("trash"), self.tr("&Remove line"))
        self.remove_button.setObjectName("removeLine")
        self.remove_button.setAccessibleName(self.tr("Remove the selected line"))
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected)
        self.lines_message = FieldMessage(self.tr("Add at least one product."))
        self.lines_message.setObjectName("linesMessage")
        lines_bottom = QHBoxLayout()
        lines_bottom.addWidget(self.lines_message, 1)
        self.live_total = QLabel()
        self.live_total.setObjectName("liveTotal")
        set_role(self.live_total, "heading")
        lines_bottom.addWidget(self.live_total)
        lines_bottom.addSpacing(12)
        lines_bottom.addWidget(self.remove_button)
        lines_box = QWidget()
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addWidget(self.table)
        lines_layout.addLayout(lines_bottom)
        self.outer.addWidget(card(heading(self.tr("Lines")), lines_box))

        # -- totals
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        totals_box = self.totals
        self.approval_message = FieldMessage()
        self.approval_message.setObjectName("approvalMessage")
        self.credit_message = FieldMessage()
        self.credit_message.setObjectName("creditLookupState")
        self.outer.addWidget(
            card(heading(self.tr("Totals")), totals_box, self.approval_message, self.credit_message)
        )
        self.outer.addStretch(1)

        self.register("items", self.table, self.lines_message)
        self._inputs = {
            "search": self.search,
            "products": self.product_table,
            "quantity": self.quantity,
            "discount": self.discount,
            "items": self.table,
        }
        self._update_totals()

    # ------------------------------------------------------------------ picker
    def set_price_list(self, price_list: PriceList | None) -> None:
        self.products.set_price_list(price_list)
        self.model.set_price_list(price_list)
        if price_list is None:
            self.banner.show_message(
                "danger", self.tr("The price list of this sale could not be read.")
            )
        else:
            self.banner.show_message("info", "")
        self._select_first_product()
        self._update_totals()

    def _search_changed(self, text: str) -> None:
        self.products_filter.set_search(text)
        self._select_first_product()

    def _select_first_product(self) -> None:
        if self.products_filter.rowCount():
            self.product_table.selectRow(0)

    def _search_enter(self) -> None:
        if self.products_filter.rowCount():
            self.quantity.setFocus()
            self.quantity.selectAll()

    def selected_sku(self) -> str | None:
        rows = self.product_table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(rows[0].data(SKU_ROLE))

    def add_selected(self) -> None:
        if self.read_only:
            return
        sku = self.selected_sku()
        if sku is None:
            self.lines_message.show_error(self.tr("Pick a product in the list first."))
            self.search.setFocus()
            return
        self.quantity.interpretText()
        self.discount.interpretText()
        discount = Decimal(str(round(self.discount.value(), 2))).normalize()
        if discount == discount.to_integral_value():
            discount = discount.quantize(Decimal(1))
        row = self.model.add(sku, self.quantity.value(), discount)
        self.table.selectRow(row)
        self.quantity.setValue(1)
        self.discount.setValue(0)
        self.search.selectAll()
        self.search.setFocus()

    def remove_selected(self) -> None:
        if self.read_only:
            return
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())

    def _lines_changed(self) -> None:
        self._update_totals()
        self.touch("items")
        self.notify_edited("items")

    # ------------------------------------------------------------------ values
    def values(self) -> dict[str, Any]:
        return {
            "items": [
                {
                    "sku": line.sku,
                    "quantity": line.quantity,
                    "discount_percent": format(line.discount, "f"),
                }
                for line in self.model.lines
            ]
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        lines = []
        for item in values.get("items") or []:
            try:
                lines.append(
                    Line(
                        str(item["sku"]),
                        int(item["quantity"]),
                        texts.to_decimal(item.get("discount_percent", "0")),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        self.model.set_lines(lines)
        self._update_totals()

    def values_from_summary(self, summary: SaleSummary) -> dict[str, Any]:
        return {
            "items": [
                {
                    "sku": line.sku,
                    "quantity": line.quantity,
                    "discount_percent": format(texts.to_decimal(line.discount_percent), "f"),
                }
                for line in summary.lines
            ]
        }

    def first_input(self) -> QWidget:
        return self.search

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.model.read_only = read_only
        self.picker_card.setVisible(not read_only)
        self.remove_button.setEnabled(not read_only)

    # ------------------------------------------------------------------ errors
    def show_errors(self, fields: Mapping[str, str], *, only_touched: bool = False) -> None:
        rows: dict[int, str] = {}
        rest: dict[str, str] = {}
        for path, text in fields.items():
            parts = path.split(".")
            if len(parts) >= 2 and parts[0] == "items" and parts[1].isdigit():
                row = int(parts[1])
                rows[row] = self.describe_error(path, text)
            else:
                rest[path] = text
        self.model.errors = rows
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, 7)
            )
        super().show_errors(rest, only_touched=only_touched)
        if rows:
            self.lines_message.show_error("\n".join(rows[r] for r in sorted(rows)))
            if not only_touched:
                self.table.selectRow(min(rows))
                self.table.setFocus()

    def describe_error(self, path: str, text: str) -> str:
        parts = path.split(".")
        if len(parts) >= 2 and parts[0] == "items" and parts[1].isdigit():
            row = int(parts[1])
            sku = self.model.lines[row].sku if row < len(self.model.lines) else "?"
            field = {
                "quantity": self.tr("quantity"),
                "discount_percent": self.tr("discount"),
                "sku": self.tr("product"),
            }.get(parts[2] if len(parts) > 2 else "", "")
            where = self.tr("Line {n} ({sku})").format(n=row + 1, sku=sku)
            return f"{where}: {field} {text}".replace("  ", " ")
        return super().describe_error(path, text)

    # ------------------------------------------------------------------ totals
    def _update_totals(self) -> None:
        currency = self.model.currency
        amounts = [a for a in (self.model.amounts(line) for line in self.model.lines) if a]
        totals = compute_totals(amounts, currency)
        rows: list[tuple[str, str, bool]] = [
            (
                self.tr("Net before discount"),
                texts.money(totals.net + totals.discount, currency),
                False,
            ),
            (self.tr("Discount"), "−" + texts.money(totals.discount, currency), False),
            (self.tr("Net"), texts.money(totals.net, currency), False),
        ]
        for group in totals.vat_breakdown:
            rows.append(
                (
                    self.tr("VAT {rate} on {base}").format(
                        rate=texts.percent(group.rate), base=texts.money(group.base, currency)
                    ),
                    texts.money(group.vat, currency),
                    False,
                )
            )
        rows.append((self.tr("Gross total"), texts.money(totals.gross, currency), True))
        # One rich-text label (no wrapping, so laid out once) instead of a grid of labels.
        muted = tokens().muted
        cells = []
        for name, value, strong in rows:
            if strong:
                cells.append(
                    f"<tr><td align='right' style='padding:4px 18px 0 0; font-size:12pt'>"
                    f"<b>{escape(name)}</b></td><td align='right' style='padding-top:4px; "
                    f"font-size:12pt'><b>{escape(value)}</b></td></tr>"
                )
            else:
                cells.append(
                    f"<tr><td align='right' style='padding-right:18px; color:{muted}'>"
                    f"{escape(name)}</td><td align='right'>{escape(value)}</td></tr>"
                )
        self.totals.setText(f"<table cellspacing='0'>{''.join(cells)}</table>")
        self.totals.setAccessibleName("; ".join(f"{n}: {v}" for n, v, _ in rows))
        self.gross_text = texts.money(totals.gross, currency)
        self.live_total.setText(self.tr("Gross total {amount}").format(amount=self.gross_text))
        self.live_total.setVisible(bool(self.model.lines))
        self._update_approval_hint()
        if not self.model.lines and self.lines_message.kind != "error":
            self.lines_message.show_hint(self.tr("Add at least one product."))
        elif self.lines_message.kind != "error":
            self.lines_message.show_hint(
                self.tr("Double-click a quantity or discount to change it; Delete removes a line.")
            )

    def _update_approval_hint(self) -> None:
        threshold = (
            texts.to_decimal(self.summary.approval.threshold)
            if self.summary is not None
            else Decimal(15)
        )
        highest = max((line.discount for line in self.model.lines), default=Decimal(0))
        if highest > threshold:
            self.approval_message.show_warning(
                self.tr(
                    "A discount above {threshold} needs a manager's approval before the "
                    "sale can be submitted."
                ).format(threshold=texts.percent(threshold))
            )
        else:
            self.approval_message.show_hint("")

    def on_summary(self, summary: SaleSummary) -> None:
        self._update_approval_hint()
        credit = _current_lookup(summary, "credit")
        if credit is None:
            self.credit_message.show_hint("")
            return
        spec, text = texts.lookup_state(credit)
        self.credit_message.show_state(spec, f"{texts.lookup_title('credit')}: {text}")
