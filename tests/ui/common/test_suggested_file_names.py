"""The Indonesian UI suggests Indonesian file names."""

from bazaar_pos.i18n import set_language
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.products.labels_dialog import LabelsDialog
from bazaar_pos.ui.reports.screen import ReportsScreen


def test_files_are_suggested_with_indonesian_names(qtbot, shop, add_product, monkeypatch):
    set_language("id")
    suggested = []
    monkeypatch.setattr(
        dialogs, "ask_file", lambda parent, question: suggested.append(question.start.name) or []
    )
    coffee = add_product("KOP-1", barcode="4006381333931", stock=2)
    labels = LabelsDialog(shop, [coffee.id])
    qtbot.addWidget(labels)
    labels.save()
    reports = ReportsScreen(shop)
    qtbot.addWidget(reports)
    reports.save_pdf()
    reports.export_turnover()
    assert suggested[0] == "label.pdf"
    assert suggested[1].startswith("ringkasan-penjualan-")
    assert suggested[1].endswith(".pdf")
    assert suggested[2].startswith("omzet-")
