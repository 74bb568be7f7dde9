"""The sale editor (a stepper over the sale's steps); see :mod:`salesdesk.ui.sale.window`."""

from salesdesk.ui.sale.window import SaleWindow

__all__ = ["SaleWindow"]
