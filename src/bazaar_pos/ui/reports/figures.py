"""The Reports screen's key figures: a grid of cards, the cost figures only for those who may."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.report import SalesReport
from bazaar_pos.i18n import _

COST_FIGURES = ("cost", "profit", "margin")
"""The key figures only someone who may see costs is shown."""


class FigureCard(QFrame):
    """A key figure: a small label over a large value."""

    def __init__(self, key: str, label: str) -> None:
        """An empty card for the figure ``key``."""
        super().__init__()
        self.setObjectName(f"figure_{key}")
        self.setAccessibleName(label)
        self.setProperty("role", "figure")
        self.label = QLabel(label)
        self.label.setObjectName("figureLabel")
        self.value = QLabel("—")
        self.value.setObjectName("figureValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.label)
        layout.addWidget(self.value)

    def set_value(self, text: str) -> None:
        """Show ``text`` as the figure."""
        self.value.setText(text)
        self.setAccessibleDescription(text)


def figure_cards() -> dict[str, FigureCard]:
    """An empty card for each key figure, by key, in the order they are shown."""
    names = [
        ("gross", _("Gross sales")),
        ("discounts", _("Discounts")),
        ("refunds", _("Refunds")),
        ("net", _("Net sales")),
        ("tax", _("Tax")),
        ("sales", _("Number of sales")),
        ("average", _("Average sale")),
        ("items", _("Items sold")),
        ("cost", _("Cost of goods")),
        ("profit", _("Gross profit")),
        ("margin", _("Margin")),
        ("received", _("Payments received")),
    ]
    return {key: FigureCard(key, label) for key, label in names}


def figures_grid(cards: dict[str, FigureCard]) -> QGridLayout:
    """The cards in two rows of six."""
    grid = QGridLayout()
    grid.setSpacing(6)
    for index, card in enumerate(cards.values()):
        grid.addWidget(card, index // 6, index % 6)
    return grid


def show_figures(cards: dict[str, FigureCard], report: SalesReport, fmt: Formats) -> None:
    """Put ``report``'s key figures on the cards; a dash for costs the report does not show."""
    f = report.figures
    values = {
        "gross": fmt.money(f.gross),
        "discounts": fmt.money(f.discounts),
        "refunds": fmt.money(f.refunded),
        "net": fmt.money(f.net),
        "tax": fmt.money(f.tax),
        "sales": fmt.count(f.sale_count),
        "average": fmt.money(f.average_sale),
        "items": fmt.count(f.items),
        "cost": fmt.money(f.cost),
        "profit": fmt.money(f.profit),
        "margin": fmt.percent(f.margin),
        "received": fmt.money(f.collected),
    }
    shown = report.costs_shown
    if not shown:
        for key in COST_FIGURES:
            values[key] = "—"
    for key, card in cards.items():
        card.set_value(values[key])
        if key in COST_FIGURES:
            card.setToolTip("" if shown else _("Only an owner sees costs and profit."))
