"""The frozen program's entry point: ``anbu.exe`` is the ``anbu`` command."""

from desktop.cli import main

raise SystemExit(main())
