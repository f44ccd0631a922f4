"""Write the explicit file lists ``installer.nsi`` includes, from the frozen folder:

- ``install-files.nsh``: ``SetOutPath``/``File`` for every file, folder by folder, and
  ``!define PAYLOAD_SIZE_KB`` for the Add/Remove Programs entry;
- ``uninstall-files.nsh``: ``Delete`` for exactly those files, then ``RMDir`` (never
  ``/r``) for their folders, deepest first, so the uninstaller removes what was installed
  and nothing else.

Run by makensis itself (``!system``) with the payload folder and an output folder.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath


def nsis(text: str) -> str:
    """Text for inside an NSIS double-quoted string: ``$`` doubled, quotes escaped."""
    return text.replace("$", "$$").replace('"', '$\\"')


def windows(relative: PurePosixPath) -> str:
    return "\\".join(relative.parts)


def main(payload: Path, out: Path) -> int:
    if not payload.is_dir():
        print(f"payload folder not found: {payload}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in payload.rglob("*") if p.is_file())
    awkward = [f for f in files if '"' in str(f) or "$" in str(f.resolve())]
    if awkward:
        print(f"file names NSIS cannot take as they are: {awkward[:5]}", file=sys.stderr)
        return 1
    if not files:
        print(f"payload folder is empty: {payload}", file=sys.stderr)
        return 1
    folders = sorted({PurePosixPath(f.relative_to(payload).parent.as_posix()) for f in files})
    total = sum(f.stat().st_size for f in files)
    install = [
        f"!define PAYLOAD_SIZE_KB {max(1, total // 1024)}",
        f"!define PAYLOAD_FILES {len(files)}",
    ]
    uninstall: list[str] = []
    for folder in folders:
        target = "$INSTDIR" if str(folder) == "." else f"$INSTDIR\\{nsis(windows(folder))}"
        install.append(f'SetOutPath "{target}"')
        for file in files:
            relative = PurePosixPath(file.relative_to(payload).as_posix())
            if relative.parent == folder:
                install.append(f'File "{file.resolve()}"')  # a compile-time path, taken as is
                uninstall.append(f'Delete "$INSTDIR\\{nsis(windows(relative))}"')
    every_folder: set[PurePosixPath] = set()
    for folder in folders:
        while str(folder) != ".":
            every_folder.add(folder)
            folder = folder.parent
    for folder in sorted(every_folder, key=lambda f: (-len(f.parts), str(f))):
        uninstall.append(f'RMDir "$INSTDIR\\{nsis(windows(folder))}"')
    install.append('SetOutPath "$INSTDIR"')
    (out / "install-files.nsh").write_text("\n".join(install) + "\n", encoding="utf-8")
    (out / "uninstall-files.nsh").write_text("\n".join(uninstall) + "\n", encoding="utf-8")
    print(f"{len(files)} files, {len(every_folder)} folders, {total / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
