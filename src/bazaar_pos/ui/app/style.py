"""The app's light, high-contrast look, readable in daylight at an outdoor stall.

One place for colours and sizes: ``apply_style`` gives the whole app the
Fusion style (the same on Windows, Linux and macOS), a light palette (also when
the computer is in dark mode) and the style sheet below.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from bazaar_pos.resources import resource_path

GREEN = "#1c7c54"
"""The one accent: selection, the main action, good news."""
INK = "#111111"
"""Text: near-black on white or very light backgrounds."""
MUTED = "#3d4650"
"""Secondary text, still dark enough to read in sunlight (contrast above 9:1 on white)."""
RED = "#9b1c12"
AMBER = "#6f4300"

_PALETTE = {
    QPalette.ColorRole.Window: "#f4f5f3",
    QPalette.ColorRole.WindowText: INK,
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f1f5f2",
    QPalette.ColorRole.Text: INK,
    QPalette.ColorRole.PlaceholderText: "#5b6570",
    QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: INK,
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: GREEN,
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#fffbe6",
    QPalette.ColorRole.ToolTipText: INK,
    QPalette.ColorRole.Link: "#0b5394",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e3e6e8",
    QPalette.ColorRole.Mid: "#b7bdc3",
    QPalette.ColorRole.Dark: "#7d858d",
    QPalette.ColorRole.Shadow: "#4a4f55",
}
_DISABLED = {
    QPalette.ColorRole.WindowText: "#5f6870",
    QPalette.ColorRole.Text: "#5f6870",
    QPalette.ColorRole.ButtonText: "#5f6870",
    QPalette.ColorRole.Base: "#eef0ef",
    QPalette.ColorRole.Button: "#eceeed",
}


def light_palette() -> QPalette:
    """The light palette every widget draws with."""
    palette = QPalette()
    for role, colour in _PALETTE.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def apply_base_style(app: QApplication) -> None:
    """Give the whole app Fusion and the light palette, unless it has them.

    Cheap before the first widget is made; afterwards every widget is polished again.
    """
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    palette = light_palette()
    if app.palette() != palette:
        app.setPalette(palette)


def apply_style(app: QApplication) -> None:
    """Give the whole app its look: Fusion, the light palette and the style sheet (once).

    Setting the style sheet polishes every widget made so far again, once.
    """
    apply_base_style(app)
    if app.styleSheet() != STYLE_SHEET:
        app.setStyleSheet(STYLE_SHEET)


def _drop_down_arrows() -> str:
    """Rules for the arrow of drop-down lists, which a styled border would otherwise lose."""
    arrow = resource_path("icons", "chevron-down.png").as_posix()
    disabled = resource_path("icons", "chevron-down-disabled.png").as_posix()
    up = resource_path("icons", "chevron-up.png").as_posix()
    return f"""
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: center right; width: 28px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{arrow}"); width: 14px;
    height: 14px; }}
QComboBox::down-arrow:disabled, QDateEdit::down-arrow:disabled {{ image: url("{disabled}"); }}
QSpinBox {{ padding-right: 26px; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 24px;
    border: none; border-left: 1px solid #b7bdc3; background: #f4f5f3; }}
QSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 4px; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; border-bottom-right-radius: 4px; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: #d5e9df; }}
QSpinBox::up-arrow {{ image: url("{up}"); width: 12px; height: 12px; }}
QSpinBox::down-arrow {{ image: url("{arrow}"); width: 12px; height: 12px; }}
"""


_SHEET = """
/* ---- everywhere ---------------------------------------------------------------- */
QWidget { font-size: 11pt; }
QToolTip { color: #111; background: #fffbe6; border: 1px solid #8a6d00; padding: 4px; }
QMenuBar { background: #ffffff; border-bottom: 1px solid #c9ced2; }
QMenuBar::item { padding: 6px 12px; }
QMenuBar::item:selected, QMenu::item:selected { background: #1c7c54; color: white; }
QMenu { background: white; border: 1px solid #8d959c; }
QMenu::item { padding: 6px 24px; }
QStatusBar { background: #ffffff; border-top: 1px solid #c9ced2; color: #111; }
QStatusBar QLabel { color: #111; }

QPushButton { padding: 6px 14px; color: #111; background: #ffffff;
              border: 1px solid #7d868e; border-radius: 6px; }
QPushButton:hover { background: #eaf4ef; border-color: #1c7c54; }
QPushButton:pressed { background: #cfe8dc; }
QPushButton:default { border: 2px solid #1c7c54; }
QPushButton:focus { border: 2px solid #1c7c54; }
QPushButton:disabled { color: #5f6870; background: #eceeed; border-color: #c3c8cc; }
QPushButton::menu-indicator { subcontrol-origin: padding; subcontrol-position: right center;
                              right: 6px; }
QPushButton[checkable="true"]:checked { background: #1c7c54; color: white; font-weight: 600;
                                        border-color: #145c3e; }

QLineEdit, QComboBox, QDateEdit, QSpinBox, QPlainTextEdit, QTextEdit {
    color: #111; background: white; border: 1px solid #7d868e; border-radius: 4px;
    selection-background-color: #1c7c54; selection-color: white; }
QLineEdit, QComboBox, QDateEdit, QSpinBox { padding: 3px 6px; }
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus, QPlainTextEdit:focus,
QTextEdit:focus { border: 2px solid #1c7c54; }
QLineEdit:disabled, QComboBox:disabled, QDateEdit:disabled, QSpinBox:disabled,
QPlainTextEdit:disabled { color: #5f6870; background: #eef0ef; border-color: #c3c8cc; }
QComboBox QAbstractItemView { background: white; color: #111; border: 1px solid #7d868e;
                              selection-background-color: #1c7c54; selection-color: white; }
QCheckBox, QRadioButton { spacing: 8px; min-height: 28px; }

QGroupBox { font-weight: 600; border: 1px solid #c9ced2; border-radius: 6px; margin-top: 14px;
            padding-top: 8px; background: #ffffff; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #111; }
QGroupBox QWidget { font-weight: normal; }
QGroupBox#shopSection { border: none; background: transparent; margin-top: 0; padding-top: 0; }
QGroupBox[flat="true"] { border: none; background: transparent; margin-top: 0; }

QTabWidget::pane { border: 1px solid #b7bdc3; border-radius: 4px; background: #ffffff;
                   top: -1px; padding: 6px; }
QTabBar::tab { color: #111; background: #e6e9e7; border: 1px solid #b7bdc3;
               border-bottom: none; padding: 7px 14px; margin-right: 2px;
               border-top-left-radius: 4px; border-top-right-radius: 4px; }
QTabBar::tab:selected { background: #ffffff; font-weight: 600;
                        border-top: 3px solid #1c7c54; }
QTabBar::tab:hover:!selected { background: #f3f8f5; }

/* .QTableView: not the till's cart (a subclass), which draws with its palette: a rule on
   a view makes Qt draw each of its cells through the style sheet, 4 ms a scan. */
.QTableView, QTableWidget, QListView, QTreeView { color: #111; background: white;
             alternate-background-color: #f1f5f2; border: 1px solid #b7bdc3;
             gridline-color: #d9dee2; selection-background-color: #cfe8dc;
             selection-color: #111; }
QHeaderView::section { color: #111; background: #e6e9e7; font-weight: 600; padding: 4px 6px;
                       border: none; border-right: 1px solid #c3c8cc;
                       border-bottom: 1px solid #b7bdc3; }
QScrollArea { border: none; background: transparent; }
/* Flat scroll bars, wide enough for a finger: Fusion's shaded ones took 1.5 ms to draw,
   which the till's cart paid at every scan once its lines no longer fit. */
QScrollBar:vertical { background: #e6e9e7; width: 16px; margin: 0; }
QScrollBar:horizontal { background: #e6e9e7; height: 16px; margin: 0; }
QScrollBar::handle { background: #9aa39f; border-radius: 5px; margin: 3px; }
QScrollBar::handle:vertical { min-height: 32px; }
QScrollBar::handle:horizontal { min-width: 32px; }
QScrollBar::handle:hover { background: #6f7a75; }
QScrollBar::handle:pressed { background: #1c7c54; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QAbstractScrollArea::corner { background: #e6e9e7; }
QProgressBar { border: 1px solid #b7bdc3; border-radius: 3px; background: white;
               text-align: center; min-height: 20px; color: #111; }
QProgressBar::chunk { background: #1c7c54; }

/* ---- screens and their headers ---------------------------------------------------- */
QLabel#screenTitle { font-size: 20pt; font-weight: 600; color: #111; padding: 2px 0 6px 0; }
QLabel#screenNote, QLabel#photoHint { color: #3d4650; }
QLabel#printProblem { color: #9b1c12; font-weight: 600; }
QLabel#printProblem[calm="true"] { color: #3d4650; font-weight: normal; }
QLabel#sectionTitle { font-weight: 600; color: #111; padding-top: 6px; }
QLabel#previewTitle { font-weight: 600; color: #111; }
QLabel#dialogHeading { font-size: 14pt; font-weight: 600; }
QLabel#payMessage, QLabel#dialogProblem, QLabel#dialogProblems { color: #9b1c12;
                                                                 font-weight: 600; }
QListWidget#navigation { font-size: 13pt; border: none; background: #e6e9e7; color: #111;
                         padding-top: 4px; }
QListWidget#navigation::item { padding: 12px 10px; border-radius: 4px; margin: 1px 4px; }
QListWidget#navigation::item:hover:!selected { background: #d5e9df; }
QListWidget#navigation::item:selected { background: #1c7c54; color: white; }
QLabel#locationWarning { color: #6f4300; font-weight: 600; padding: 0 12px; }
QLabel#backupStatus { padding: 0 6px; }
QLabel#backupPreview { background: #f6f8f7; border: 1px solid #b7bdc3; padding: 8px; }
QLabel#backupPreview[problem="true"] { color: #9b1c12; }

/* ---- till ------------------------------------------------------------------------- */
QWidget#tillScreen QPushButton { font-size: 12pt; }
QLineEdit#scanField { font-size: 16pt; padding: 8px 10px; border: 2px solid #8d959c;
                      border-radius: 6px; }
QLineEdit#scanField:focus { border: 2px solid #1c7c54; }
QLabel#tillMessage { padding: 8px 10px; border-radius: 6px; font-weight: 600;
                     background: #e7f1fb; color: #0b3d66; }
QLabel#tillMessage[tone="warn"] { background: #fff4d6; color: #6f4300; }
QLabel#tillMessage[tone="error"] { background: #fde2e1; color: #8a1c12; }
QLabel#countMessage[tone="warn"] { background: #fff4d6; color: #6f4300; font-weight: 600;
                                   padding: 6px 8px; border-radius: 6px; }
QLabel#countMessage[tone="error"] { background: #fde2e1; color: #8a1c12; font-weight: 600;
                                    padding: 6px 8px; border-radius: 6px; }
QLabel#settlementCheckTitle[tone="warn"] { background: #fff4d6; color: #6f4300;
                                           font-weight: 600; padding: 6px 8px;
                                           border-radius: 6px; }
QTableView#cartTable { font-size: 13pt; }
QListView#searchResults { font-size: 13pt; background: white; border: 2px solid #1c7c54; }
QListView#searchResults::item { padding: 6px; }
QListView#searchResults::item:selected { background: #1c7c54; color: white; }
QFrame#totalsPanel { background: #ffffff; border: 1px solid #b7bdc3; border-radius: 8px; }
QFrame#totalsPanel QLabel { font-size: 12pt; color: #111; }
QFrame#totalsPanel QLabel#tillTotal { font-size: 34pt; font-weight: 700; color: #111; }
QFrame#totalsPanel QLabel#itemCount { color: #3d4650; }
QLabel#tillTotalCaption { font-weight: 700; color: #111; padding-top: 4px; }
QPushButton#payButton { font-size: 18pt; font-weight: 700; color: white; background: #1c7c54;
                        border: none; border-radius: 8px; }
QPushButton#payButton:hover { background: #176846; }
QPushButton#payButton:disabled { color: #3d4650; background: #d6dcd9; }
QFrame#lastSale { background: #fff7d6; border: 1px solid #c9a227; border-radius: 8px; }
QLabel#lastSaleCaption { font-weight: 600; }
QLabel#lastChange { font-size: 28pt; font-weight: 700; color: #6f4300; }
QPushButton#quickPickTile { border: 1px solid #8d959c; border-radius: 6px; padding: 0; }
QLabel#quickPickText, QLabel#quickPickPrice { font-size: 10.5pt; color: #111; }
QLabel#quickPickKey { font-size: 10.5pt; color: #555; }
QLabel#quickPickEmpty { color: #3d4650; }
QLabel#emptyCartHint { font-size: 15pt; color: #3d4650; }

/* ---- payment and QRIS --------------------------------------------------------------- */
QLabel#payCaption { font-size: 14pt; font-weight: 600; }
QLabel#payTotal { font-size: 30pt; font-weight: 700; }
QLabel#payNote { color: #3d4650; }
QLineEdit#tenderedAmount { font-size: 18pt; padding: 6px; }
QLabel#payLeft { font-size: 14pt; }
QLabel#changeDue { font-size: 26pt; font-weight: 700; color: #6f4300; }
QPushButton#payComplete { font-size: 14pt; font-weight: 700; color: white; background: #1c7c54;
                          border: none; border-radius: 6px; padding: 0 24px; }
QPushButton#payComplete:disabled { color: #3d4650; background: #d6dcd9; }
QLabel#historyMessage { font-weight: 600; color: #0b3d66; }
QLabel#historyMessage[tone="error"] { color: #8a1c12; }
QLabel#qrisNote { color: #0b3d66; }
QLabel#qrisNote[tone="warn"] { color: #6f4300; font-weight: 600; }
QPushButton#awaitingPayments { font-weight: 700; color: #6f4300; background: #fff4d6;
                               border: 1px solid #c9a227; border-radius: 8px; }
QLabel#unconfirmedSummary { font-weight: 600; }
QTableView#unconfirmedTable { font-size: 12pt; }
QTableView#unconfirmedTable::item { padding: 4px 8px; }
QPushButton#confirmPayment { font-weight: 700; color: white; background: #1c7c54; border: none;
                             border-radius: 6px; padding: 0 18px; }
QPushButton#confirmPayment:disabled { color: #3d4650; background: #d6dcd9; }
QLabel#unconfirmedEmpty { font-size: 14pt; color: #3d4650; }
QLabel#unconfirmedMessage { font-weight: 600; color: #0b3d66; }
QLabel#unconfirmedMessage[tone="warn"] { color: #6f4300; }
QLabel#unconfirmedMessage[tone="error"] { color: #8a1c12; }
QLabel#shopSettingsMessage[tone="error"] { color: #8a1c12; font-weight: 600; }
QLabel#historyMessage[tone="warn"] { color: #7a4b00; }

QFrame#signInCard { background: white; border: 1px solid #dedbd2; border-radius: 10px; }
QLabel#signInTitle { font-size: 20pt; font-weight: 600; }
QLabel#signInPrompt { font-size: 13pt; color: #444; }
QListWidget#signInUsers { font-size: 14pt; border: 1px solid #d0cdc4; border-radius: 6px; }
QListWidget#signInUsers::item { padding: 8px 10px; }
QListWidget#signInUsers::item:selected { background: #1c7c54; color: white; }
QLineEdit#signInPin { font-size: 22pt; padding: 6px; border: 2px solid #1c7c54;
                      border-radius: 6px; }
QPushButton#signInButton { font-size: 14pt; font-weight: 700; color: white; background: #1c7c54;
                           border: none; border-radius: 6px; padding: 10px; }
QPushButton#signInButton:disabled { background: #a9c9ba; }
QLabel#signInMessage { font-weight: 600; color: #0b3d66; }
QLabel#signInMessage[tone="error"] { color: #8a1c12; }
QLabel#signInHint { color: #666; }

QLabel#approvalTitle { font-size: 14pt; font-weight: 700; }
QLineEdit#approvalPin { font-size: 16pt; padding: 4px; }
QFrame#shiftPanel { background: #f7f7f5; border: 1px solid #dedbd2; border-radius: 8px; }
QLabel#shiftState { font-size: 15pt; font-weight: 700; }
QLabel#countIntro { font-size: 12pt; }
QLabel#countTotal { font-size: 20pt; font-weight: 700; }
QLabel#countTotalCaption { font-size: 13pt; font-weight: 600; }
QListWidget#eventList::item, QListWidget#shiftList::item { padding: 6px; }
QLabel#whoIsSignedIn { font-weight: 600; padding: 0 8px; }
"""

STYLE_SHEET = _SHEET + _drop_down_arrows()
