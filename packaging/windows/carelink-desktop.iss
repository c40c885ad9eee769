; CareLink Desktop installer for Windows, built with Inno Setup 6 (see packaging/README.md).
;
;   1. python packaging\build.py          -> packaging\dist\carelink-desktop\ (PyInstaller)
;   2. iscc packaging\windows\carelink-desktop.iss
;                                          -> packaging\dist\carelink-desktop-VERSION-setup.exe
;
; Per-machine install into Program Files with a Start menu entry. The AppId below never changes,
; so a newer installer upgrades the installed copy in place (same folder, same uninstall entry).
; The care data is never in the installation folder: each Windows user's home is in
; %LOCALAPPDATA%\CareLink\CareLink Desktop, or, with the "shared home" task, in
; %ProgramData%\CareLink Desktop\Home for every user of the PC. Uninstalling removes the program
; only; the care data and its backups stay where they are.
;
; The version is read from the built program (its version resource, which the PyInstaller spec
; writes from carelink_desktop.__version__): it is written in one place only.

#define AppName "CareLink Desktop"
#define AppPublisher "CareLink"
#define BuildDir AddBackslash(SourcePath) + "..\dist\carelink-desktop"
#define MainExe "carelink-desktop.exe"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BuildDir + "\" + MainExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error Build the program first (python packaging\build.py): no version found in the built carelink-desktop.exe
#endif

[Setup]
; Never change AppId: it is how Windows knows a newer installer is the same program.
AppId={{DC28917A-1FDD-4165-AC36-833E41936842}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=carelink-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\carelink.ico
UninstallDisplayIcon={app}\{#MainExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Upgrades close a running CareLink first (it locks and closes the home cleanly on exit).
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "sharedhome"; Description: "One care home for every Windows user of this PC (kept in ProgramData\{#AppName}\Home)"; GroupDescription: "Shared office PC:"; Flags: unchecked

[InstallDelete]
; Upgrade in place: the previous version's libraries go first, so nothing stale stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; The shared home: every user of the PC may write it (the database is encrypted; each person still
; needs their own CareLink password). Never removed by the uninstaller.
Name: "{commonappdata}\{#AppName}\Home"; Permissions: users-modify; Tasks: sharedhome; Flags: uninsneveruninstall

[Registry]
; CARELINK_HOME points every user's CareLink at the shared home. Kept on uninstall, so that a
; reinstall finds the same home.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "CARELINK_HOME"; ValueData: "{commonappdata}\{#AppName}\Home"; Tasks: sharedhome

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#MainExe}"; Comment: "Relationship maps, contact visits and carer support plans"
Name: "{autoprograms}\{#AppName} (demo home)"; Filename: "{app}\{#MainExe}"; Parameters: "--demo"; Comment: "A fictional home to look around"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#MainExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MainExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may have left in its own folder (Python caches). The care data
; is elsewhere and is kept.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox('CareLink Desktop has been removed. The care data was kept, with its backups: ' +
      'each Windows user''s home is in %LOCALAPPDATA%\CareLink\CareLink Desktop, or on a shared ' +
      'PC in ' + ExpandConstant('{commonappdata}') + '\CareLink Desktop\Home. ' +
      'Installing CareLink Desktop again opens it as it was.',
      mbInformation, MB_OK);
end;
