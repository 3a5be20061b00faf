"""Where the shipped data lives: works from an installed wheel, an editable install or a bare checkout."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _data_dir(package: str, folder: str) -> Path:
    try:
        return Path(str(files(package)))
    except ModuleNotFoundError:  # running from a checkout without `pip install`
        return _CHECKOUT / folder


def resource_path(*parts: str) -> Path:
    """A file under resources/ (code lists, HTI tables, playbooks, translations)."""
    return _data_dir("ics2desk.resources", "resources").joinpath(*parts)


def schema_path(*parts: str) -> Path:
    """A file under schemas/ (XSDs)."""
    return _data_dir("ics2desk.schemas", "schemas").joinpath(*parts)


def ui_path(name: str) -> Path:
    """A Qt Designer form under ui/."""
    return _data_dir("ics2desk.ui", "ui") / name


def data_dir(explicit: str | Path | None = None) -> Path:
    """The user's data dir: --data-dir (exported as ICS2DESK_DATA by the CLI), else
    ICS2DESK_DATA, else the platform's user data dir."""
    import os

    if explicit:
        return Path(explicit)
    env = os.environ.get("ICS2DESK_DATA")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("ics2desk", appauthor=False))
