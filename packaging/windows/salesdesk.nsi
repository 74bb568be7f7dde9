; SalesDesk installer for Windows (NSIS 3), per machine.
;
; Build on Windows after the PyInstaller bundle (packaging/build.py runs this when
; makensis is on PATH):
;   makensis /DVERSION=0.1.0 /DNUMVERSION=0.1.0.0 /DBUNDLE=dist\salesdesk ^
;            /DICON=build\pyinstaller\salesdesk\icons\salesdesk.ico ^
;            /DOUTFILE=dist\SalesDesk-0.1.0-setup.exe packaging\windows\salesdesk.nsi
;
; Silent install (as administrator; exit code 0 on success):
;   SalesDesk-0.1.0-setup.exe /S [/CONFIG=\\server\share\salesdesk.toml] [/DESKTOPSHORTCUT] [/D=C:\Apps\SalesDesk]
;     /CONFIG=FILE     install FILE as the policy %ProgramData%\SalesDesk\config.toml
;                      (replacing the existing one); without it an existing policy is
;                      kept and a new installation gets the commented-out sample
;     /D=DIR           install folder (default: C:\Program Files\SalesDesk); must be last
; Silent uninstall:
;   "C:\Program Files\SalesDesk\uninstall.exe" /S [/REMOVECONFIG]
;     the policy file is kept unless /REMOVECONFIG is given (or, interactively, the
;     administrator says so); users' own data (%LOCALAPPDATA%\SalesDesk) is never touched.
;
; Kept to ASCII on purpose: NSIS reads a script without a byte order mark as ANSI.

Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "Pass the version from pyproject.toml: makensis /DVERSION=x.y.z ..."
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\salesdesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\SalesDesk-${VERSION}-setup.exe"
!endif
!ifndef POLICY_SAMPLE
  !define POLICY_SAMPLE "..\config.toml"
!endif
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SalesDesk"
!define APP_KEY "Software\SalesDesk"

Name "SalesDesk ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\SalesDesk"
; No InstallDirRegKey: it reads the 32-bit registry view before .onInit can switch to the
; 64-bit one, where the folder is recorded; .onInit reads it instead (see there).
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ManifestDPIAware true
BrandingText "SalesDesk ${VERSION}"

!ifdef NUMVERSION
  VIProductVersion "${NUMVERSION}"
  VIAddVersionKey /LANG=1033 "ProductName" "SalesDesk"
  VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
  VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=1033 "FileDescription" "SalesDesk installer"
  VIAddVersionKey /LANG=1033 "CompanyName" "SalesDesk"
  VIAddVersionKey /LANG=1033 "LegalCopyright" "SalesDesk"
!endif

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
; No "Run SalesDesk" on the finish page: it would start the app elevated, as the
; administrator who installs, with that account's data folder and keyring.

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "Hungarian"

Var RemoveConfig

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "SalesDesk needs 64-bit Windows 10 or later." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  SetRegView 64
  ; All users: $APPDATA is then %ProgramData%, $SMPROGRAMS the common Start menu.
  SetShellVarContext all
  ; An upgrade goes where the previous version went, unless /D= names a folder.
  ${If} $INSTDIR == "$PROGRAMFILES64\SalesDesk"
    ReadRegStr $0 HKLM "${APP_KEY}" "InstallDir"
    ${If} $0 != ""
      StrCpy $INSTDIR $0
    ${EndIf}
  ${EndIf}
FunctionEnd

; A running SalesDesk locks its files: stop before touching anything, rather than leave
; a half-replaced bundle (silently: exit code 2, for the deployment tool to retry).
!macro RefuseWhileRunning
  ${If} ${FileExists} "$INSTDIR\SalesDesk.exe"
    ClearErrors
    FileOpen $0 "$INSTDIR\SalesDesk.exe" a
    ${If} ${Errors}
      MessageBox MB_ICONSTOP "SalesDesk is running on this computer. Close it (every user's), then try again." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    FileClose $0
  ${EndIf}
!macroend

Section "SalesDesk" SecMain
  SectionIn RO
  SetShellVarContext all
  !insertmacro RefuseWhileRunning
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the whole bundle, so no file of the old version stays behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"

  ; The administrator policy, %ProgramData%\SalesDesk\config.toml.
  CreateDirectory "$APPDATA\SalesDesk"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/CONFIG=" $R1
  ${IfNot} ${Errors}
    ClearErrors
    CopyFiles /SILENT "$R1" "$APPDATA\SalesDesk\config.toml"
    ${If} ${Errors}
      MessageBox MB_ICONSTOP "Cannot copy the policy file $R1." /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
  ${ElseIfNot} ${FileExists} "$APPDATA\SalesDesk\config.toml"
    ; A fresh installation gets the sample, every line commented out; an upgrade keeps
    ; the administrator's file as it is.
    SetOutPath "$APPDATA\SalesDesk"
    File "/oname=config.toml" "${POLICY_SAMPLE}"
  ${EndIf}
  ; Users may read the policy but not change or replace it: by default any user may
  ; create files under %ProgramData%, which would let them write a policy of their own.
  nsExec::ExecToLog 'icacls "$APPDATA\SalesDesk" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
  Pop $0
  nsExec::ExecToLog 'icacls "$APPDATA\SalesDesk\config.toml" /reset'
  Pop $0

  SetOutPath "$INSTDIR"
  CreateShortcut "$SMPROGRAMS\SalesDesk.lnk" "$INSTDIR\SalesDesk.exe"
  ClearErrors
  ${GetOptions} $R0 "/DESKTOPSHORTCUT" $R1
  ${IfNot} ${Errors}
    CreateShortcut "$DESKTOP\SalesDesk.lnk" "$INSTDIR\SalesDesk.exe"
  ${EndIf}

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "SalesDesk"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "SalesDesk"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\SalesDesk.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  StrCpy $RemoveConfig "0"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVECONFIG" $R1
  ${IfNot} ${Errors}
    StrCpy $RemoveConfig "1"
  ${Else}
    ; Interactive uninstall: ask, defaulting to keep. Silent: keep.
    IfSilent keep
    MessageBox MB_YESNO|MB_DEFBUTTON2|MB_ICONQUESTION "Also remove the administrator policy $APPDATA\SalesDesk\config.toml?$\r$\n$\r$\nThe users' own sales and settings are not removed either way." IDNO keep
    StrCpy $RemoveConfig "1"
    keep:
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  !insertmacro RefuseWhileRunning
  Delete "$SMPROGRAMS\SalesDesk.lnk"
  Delete "$DESKTOP\SalesDesk.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\SalesDesk.exe"
  Delete "$INSTDIR\salesdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  ; Not /r: anything else an administrator put into the folder stays.
  RMDir "$INSTDIR"
  ${If} $RemoveConfig == "1"
    Delete "$APPDATA\SalesDesk\config.toml"
    RMDir "$APPDATA\SalesDesk"
  ${EndIf}
  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "${APP_KEY}"
  ; Each user's data (%LOCALAPPDATA%\SalesDesk\SalesDesk) is theirs: never removed here.
SectionEnd
