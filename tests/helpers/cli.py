"""Running the ``anbu`` command inside the test process."""

from __future__ import annotations

import io

from desktop.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()
