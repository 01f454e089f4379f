"""The app's light, high-contrast look, readable in daylight at an outdoor stall."""

STYLE_SHEET = """
QWidget { font-size: 11pt; }
QLabel#screenTitle { font-size: 20pt; font-weight: 600; padding: 4px 0 8px 0; }
QLabel#screenNote { color: #555; }
QLabel#printProblem { color: #b00020; font-weight: 600; }
QLabel#sectionTitle { font-weight: 600; color: #444; padding-top: 6px; }
QListWidget#navigation { font-size: 13pt; border: none; background: #f1f3f5; }
QListWidget#navigation::item { padding: 12px 10px; }
QListWidget#navigation::item:selected { background: #1c7c54; color: white; }
QLabel#dialogHeading { font-size: 14pt; font-weight: 600; }
QLabel#locationWarning { color: #8a4b00; font-weight: 600; padding: 0 12px; }
QLabel#backupStatus { padding: 0 6px; }
QLabel#backupPreview { background: #f6f8f7; border: 1px solid #d0d7d3; padding: 8px; }
QLabel#backupPreview[problem="true"] { color: #b00020; }
QFrame[role="figure"] { background: white; border: 1px solid #d5dbe1; border-radius: 4px; }
QLabel#figureLabel { color: #616e7c; font-size: 9pt; }
QLabel#figureValue { font-size: 14pt; font-weight: 600; }
QLabel#reportStatus { color: #1c7c54; }
QProgressBar { border: 1px solid #d5dbe1; border-radius: 3px; background: white;
               text-align: center; min-height: 20px; }
QProgressBar::chunk { background: #1c7c54; }
QTableView { gridline-color: #e0e0e0; selection-background-color: #cfe8dc;
             selection-color: black; }

QLineEdit#scanField { font-size: 16pt; padding: 8px 10px; border: 2px solid #1c7c54;
                      border-radius: 6px; }
QLabel#tillMessage { padding: 8px 10px; border-radius: 6px; font-weight: 600;
                     background: #e7f1fb; color: #0b3d66; }
QLabel#tillMessage[tone="warn"] { background: #fff4d6; color: #7a4b00; }
QLabel#tillMessage[tone="error"] { background: #fde2e1; color: #8a1c12; }
QTableView#cartTable { font-size: 13pt; }
QTableView#cartTable::item { padding: 4px; }
QListView#searchResults { font-size: 13pt; background: white; border: 2px solid #1c7c54; }
QListView#searchResults::item { padding: 6px; }
QListView#searchResults::item:selected { background: #1c7c54; color: white; }

QFrame#totalsPanel { background: #f7f7f5; border: 1px solid #dedbd2; border-radius: 8px; }
QFrame#totalsPanel QLabel { font-size: 12pt; }
QFrame#totalsPanel QLabel#tillTotal { font-size: 34pt; font-weight: 700; color: #111; }
QFrame#totalsPanel QLabel#itemCount { color: #555; }
QLabel#tillTotalCaption { font-weight: 700; color: #444; padding-top: 4px; }
QPushButton#payButton { font-size: 18pt; font-weight: 700; color: white; background: #1c7c54;
                        border: none; border-radius: 8px; }
QPushButton#payButton:disabled { background: #a9c9ba; }
QFrame#lastSale { background: #fff7d6; border: 1px solid #e6c65c; border-radius: 8px; }
QLabel#lastSaleCaption { font-weight: 600; }
QLabel#lastChange { font-size: 28pt; font-weight: 700; color: #7a4b00; }
QPushButton#quickPickTile { border: 1px solid #d0cdc4; border-radius: 6px; }
QLabel#quickPickText { font-size: 10.5pt; }
QLabel#quickPickEmpty { color: #666; }
QLabel#emptyCartHint { font-size: 15pt; color: #777; }

QLabel#payCaption { font-size: 14pt; font-weight: 600; }
QLabel#payTotal { font-size: 30pt; font-weight: 700; }
QLabel#payNote { color: #555; }
QLineEdit#tenderedAmount { font-size: 18pt; padding: 6px; }
QPushButton[checkable="true"]:checked { background: #1c7c54; color: white; font-weight: 600; }
QLabel#payLeft { font-size: 14pt; }
QLabel#changeDue { font-size: 26pt; font-weight: 700; color: #7a4b00; }
QLabel#payMessage, QLabel#dialogProblem { color: #8a1c12; font-weight: 600; }
QPushButton#payComplete { font-size: 14pt; font-weight: 700; color: white; background: #1c7c54;
                          border: none; border-radius: 6px; padding: 0 24px; }
QLabel#historyMessage { font-weight: 600; color: #0b3d66; }
QLabel#historyMessage[tone="error"] { color: #8a1c12; }
QLabel#qrisNote { color: #0b3d66; }
QLabel#qrisNote[tone="warn"] { color: #7a4b00; font-weight: 600; }
QPushButton#awaitingPayments { font-weight: 700; color: #7a4b00; background: #fff4d6;
                               border: 1px solid #e6c65c; border-radius: 8px; }
QLabel#unconfirmedSummary { font-weight: 600; }
QTableView#unconfirmedTable { font-size: 12pt; }
QTableView#unconfirmedTable::item { padding: 4px 8px; }
QPushButton#confirmPayment { font-weight: 700; color: white; background: #1c7c54; border: none;
                             border-radius: 6px; padding: 0 18px; }
QPushButton#confirmPayment:disabled { background: #a9c9ba; }
QLabel#unconfirmedEmpty { font-size: 14pt; color: #777; }
QLabel#unconfirmedMessage { font-weight: 600; color: #0b3d66; }
QLabel#unconfirmedMessage[tone="warn"] { color: #7a4b00; }
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
