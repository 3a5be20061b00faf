"""Console-script entry point: sub-commands run headless; no command opens the desktop app."""
from __future__ import annotations

import sys

from .. import cli


def _start_gui(args) -> int:
    from .app import run_app  # Qt is imported only when the window is wanted

    return run_app(args)


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, gui=_start_gui)


if __name__ == "__main__":
    sys.exit(main())
