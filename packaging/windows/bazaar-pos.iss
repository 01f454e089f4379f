; Inno Setup script for the Windows installer. Build the one-folder app first:
;   py -m pip install . "pyinstaller>=6.10,<7"
;   pyinstaller --noconfirm packaging\pyinstaller\bazaar-pos.spec
; then compile this script with Inno Setup 6 (iscc packaging\windows\bazaar-pos.iss).
#define AppVersion "0.1.0"

[Setup]
AppId={{6C2B8F0E-4C1D-4F57-9A61-3E1B5D7A9C20}
AppName=Bazaar POS
AppVersion={#AppVersion}
AppPublisher=Bazaar POS
DefaultDirName={autopf}\Bazaar POS
DefaultGroupName=Bazaar POS
OutputDir=..\..\dist
OutputBaseFilename=BazaarPOS-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\bazaar-pos.ico
UninstallDisplayIcon={app}\bazaar-pos.exe
Compression=lzma2
SolidCompression=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\bazaar-pos\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Bazaar POS"; Filename: "{app}\bazaar-pos.exe"
Name: "{group}\{cm:UninstallProgram,Bazaar POS}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Bazaar POS"; Filename: "{app}\bazaar-pos.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\bazaar-pos.exe"; Description: "{cm:LaunchProgram,Bazaar POS}"; Flags: nowait postinstall skipifsilent
