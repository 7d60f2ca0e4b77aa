; Inno Setup 6 script for the Windows installer. Built by .github/workflows/release.yml:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\boundary-desk.iss
; from the repository root, after `python dev.py package` has made dist\boundary-desk.
; A per-user install (no administrator rights), as a clinician's own laptop needs.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F7C2B1E-3D4A-4E8B-9C21-B0D5A1E7F342}
AppName=Boundary Desk
AppVersion={#AppVersion}
AppPublisher=The Boundary Desk authors
AppPublisherURL=https://boundarydesk.org
DefaultDirName={autopf}\Boundary Desk
DefaultGroupName=Boundary Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\src\boundary_desk\data\icons\org.boundarydesk.BoundaryDesk.ico
UninstallDisplayIcon={app}\boundary-desk.exe
OutputDir=..\..\dist
OutputBaseFilename=BoundaryDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "..\..\dist\boundary-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Boundary Desk"; Filename: "{app}\boundary-desk.exe"
Name: "{autodesktop}\Boundary Desk"; Filename: "{app}\boundary-desk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\boundary-desk.exe"; Description: "Open Boundary Desk"; Flags: nowait postinstall skipifsilent

; The vault in %LOCALAPPDATA%\BoundaryDesk is the clinician's data: the uninstaller
; leaves it, and says so in the README.
