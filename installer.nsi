; Anbu Desk (안부데스크) Windows installer — NSIS 3, Modern UI 2, Korean and English.
;
;   makensis -WX /DVERSION=0.1.0 /DPAYLOAD_DIR=dist\anbu installer.nsi
;
; VERSION comes from pyproject.toml and PAYLOAD_DIR is the PyInstaller onedir folder
; (its program is anbu.exe); packaging/build.py passes both. Optional: /DOUT_DIR=… (where
; the setup goes, default: beside this file's dist\), /DPYTHON=… (to run the file-list
; generator, default: python on Windows, python3 elsewhere), /DQUICK_COMPRESSION (zlib
; instead of solid LZMA: what CI uses to keep the check quick).
;
; Per-user install by default (no administrator rights needed), per-machine on request.
; The uninstaller is written before any file; it removes exactly the files that were
; installed (generated lists, never RMDir /r of the install folder) and keeps the case
; database and the keys in the Windows Credential Manager unless the user ticks
; "사용자 데이터도 삭제" / "Also remove user data".

Unicode true
ManifestDPIAware true
!ifdef QUICK_COMPRESSION
  SetCompressor zlib  ; CI checks that the script compiles; it need not spend minutes on LZMA
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "Pass the version: makensis /DVERSION=x.y.z (from pyproject.toml)"
!endif
!ifndef PAYLOAD_DIR
  !error "Pass the frozen folder: makensis /DPAYLOAD_DIR=dist\anbu"
!endif
!ifndef OUT_DIR
  !define OUT_DIR "${__FILEDIR__}\dist"
!endif
!ifndef PYTHON
  !ifdef NSIS_WIN32_MAKENSIS
    !define PYTHON "python"
  !else
    !define PYTHON "python3"
  !endif
!endif

!define APP_NAME "AnbuDesk"
!define APP_TITLE "안부데스크"
!define PUBLISHER "Anbu Desk"
!define EXE "anbu.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define SETUP_MUTEX "AnbuDeskSetup"
!define RUNNING_MUTEX "Local\AnbuDeskRunning"
!define LISTS_DIR "${OUT_DIR}\nsis"

; The explicit lists of files to install and to remove, made from the payload now.
!system '"${PYTHON}" "${__FILEDIR__}\packaging\nsis_files.py" "${PAYLOAD_DIR}" "${LISTS_DIR}"' = 0

Name "${APP_TITLE} ${VERSION}"
OutFile "${OUT_DIR}\AnbuDesk-Setup-${VERSION}.exe"
BrandingText "${APP_TITLE} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_TITLE}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_TITLE} 설치 프로그램"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

; -- per-user by default, per-machine when asked -------------------------------------------
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_NAME}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh

!define MUI_ICON "${__FILEDIR__}\packaging\anbu.ico"
!define MUI_UNICON "${__FILEDIR__}\packaging\anbu.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; NSIS's Korean language file has no texts for the install-mode page: ours, taken first.
!define MULTIUSER_TEXT_INSTALLMODE_TITLE "사용자 선택"
!define MULTIUSER_TEXT_INSTALLMODE_SUBTITLE "$(^NameDA)을(를) 누구를 위해 설치할지 고르십시오."
!define MULTIUSER_INNERTEXT_INSTALLMODE_TOP "나만 쓰도록 설치할지(관리자 권한 필요 없음), 이 컴퓨터의 모든 사용자가 쓰도록 설치할지 고르십시오. $(^ClickNext)"
!define MULTIUSER_INNERTEXT_INSTALLMODE_ALLUSERS "이 컴퓨터의 모든 사용자 (관리자 권한 필요)"
!define MULTIUSER_INNERTEXT_INSTALLMODE_CURRENTUSER "나만 사용 (권장)"
!insertmacro MUI_LANGUAGE "Korean"
!insertmacro MUI_LANGUAGE "English"

LangString RunNow ${LANG_KOREAN} "안부데스크 실행"
LangString RunNow ${LANG_ENGLISH} "Start Anbu Desk"
LangString SecProgram ${LANG_KOREAN} "안부데스크 (필수)"
LangString SecProgram ${LANG_ENGLISH} "Anbu Desk (required)"
LangString SecDesktop ${LANG_KOREAN} "바탕 화면 바로 가기"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecUnProgram ${LANG_KOREAN} "프로그램"
LangString SecUnProgram ${LANG_ENGLISH} "Program"
LangString SecUnData ${LANG_KOREAN} "사용자 데이터도 삭제 (사례 데이터베이스, 설정, 암호화 키)"
LangString SecUnData ${LANG_ENGLISH} "Also remove user data (case database, settings, encryption keys)"
LangString SetupRunning ${LANG_KOREAN} "안부데스크 설치 프로그램이 이미 실행 중입니다."
LangString SetupRunning ${LANG_ENGLISH} "The Anbu Desk setup is already running."
LangString AppRunning ${LANG_KOREAN} "안부데스크가 실행 중입니다. 프로그램을 닫은 뒤 다시 시도(R)하거나 취소하십시오."
LangString AppRunning ${LANG_ENGLISH} "Anbu Desk is running. Close it, then Retry, or Cancel."
LangString OldUninstallFailed ${LANG_KOREAN} "이전 버전을 제거하지 못했습니다. 설치를 멈춥니다."
LangString OldUninstallFailed ${LANG_ENGLISH} "The previous version could not be removed. Setup stops."
LangString ConfirmData ${LANG_KOREAN} "사례 데이터베이스와 암호화 키를 삭제하면 되돌릴 수 없습니다. 백업(anbu db backup, anbu keys export)이 있습니까? 정말 삭제할까요?"
LangString ConfirmData ${LANG_ENGLISH} "Removing the case database and the encryption keys cannot be undone. Do you have a backup (anbu db backup, anbu keys export)? Remove them?"

; -- the running program must not be replaced under it --------------------------------------
!macro WAIT_FOR_PROGRAM_CLOSED
  ${Do}
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r9'
    ${If} $9 == 0
      ${Break}
    ${EndIf}
    System::Call 'kernel32::CloseHandle(p r9)'
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY +2
    Abort
  ${Loop}
!macroend

Function .onInit
  System::Call 'kernel32::CreateMutexW(p 0, i 0, w "${SETUP_MUTEX}") p .r0 ?e'
  Pop $1
  ${If} $1 == 183 ; ERROR_ALREADY_EXISTS
    MessageBox MB_OK|MB_ICONSTOP "$(SetupRunning)" /SD IDOK
    Abort
  ${EndIf}
  !insertmacro MULTIUSER_INIT
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

; -- install --------------------------------------------------------------------------------
Section "$(SecProgram)" SecProgram
  SectionIn RO
  !insertmacro WAIT_FOR_PROGRAM_CLOSED

  ; An earlier version: its own uninstaller removes its own files first (in place).
  ReadRegStr $0 SHCTX "${UNINST_KEY}" "UninstallString"
  ReadRegStr $1 SHCTX "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $1 != ""
  ${AndIf} ${FileExists} "$1\${UNINSTALLER}"
    ExecWait '"$1\${UNINSTALLER}" /S _?=$1' $2
    ${If} $2 != 0
      MessageBox MB_OK|MB_ICONSTOP "$(OldUninstallFailed)" /SD IDOK
      Abort
    ${EndIf}
    Delete "$1\${UNINSTALLER}"
    RMDir "$1"
  ${EndIf}

  SetOutPath "$INSTDIR"
  ; The uninstaller first: an install that stops halfway can still be removed.
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP_TITLE}"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode /S'
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallMode" "$MultiUser.InstallMode"

  !include "${LISTS_DIR}\install-files.nsh"

  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" ${PAYLOAD_SIZE_KB}
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1

  CreateDirectory "$SMPROGRAMS\${APP_TITLE}"
  CreateShortcut "$SMPROGRAMS\${APP_TITLE}\${APP_TITLE}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

Section /o "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\${APP_TITLE}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

; -- uninstall ------------------------------------------------------------------------------
; Unticked by default: the data stays unless the person asks, and confirms.
Section /o "un.$(SecUnData)" SecUnData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(ConfirmData)" /SD IDNO IDYES +2
  Goto data_kept
  ; The program forgets this PC's keys in the Credential Manager while it is still there.
  ExecWait '"$INSTDIR\${EXE}" keys forget-local --yes'
  ; The program's own data folder (fixed by the program, never one the user chose).
  RMDir /r "$LOCALAPPDATA\${APP_NAME}"
  data_kept:
SectionEnd

Section "-un.$(SecUnProgram)" SecUnProgram
  !insertmacro WAIT_FOR_PROGRAM_CLOSED
  !include "${LISTS_DIR}\uninstall-files.nsh"
  Delete "$SMPROGRAMS\${APP_TITLE}\${APP_TITLE}.lnk"
  RMDir "$SMPROGRAMS\${APP_TITLE}"
  Delete "$DESKTOP\${APP_TITLE}.lnk"
  DeleteRegKey SHCTX "${UNINST_KEY}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR" ; only when empty: anything else in it stays
SectionEnd
