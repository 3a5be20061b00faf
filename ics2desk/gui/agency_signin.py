"""Signing in to the agency database from the desktop, before the window opens.

The password comes, in this order, from the URL, PGPASSWORD / ~/.pgpass (libpq), the OS keyring
(service `ics2desk`, remembered only when the agent ticks the box) or the agent, asked here. When
the database is out of reach the agent may retry, or a declarant may switch the desk to
stand-alone for the incident (store/standalone.py), or quit: the desk never opens on a store it
could not name."""
from __future__ import annotations

import os
from typing import Callable

import psycopg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from ..errors import KnownError, PermissionDeniedError, SignInError, StoreUnavailableError

KEYRING_SERVICE = "ics2desk"  # the desk's one keyring service (ics2desk/options.py)


def keyring_entry(url: str) -> tuple[str, str]:
    """(user, keyring user name) for the agent of this URL: one entry per agent and server."""
    from ..store.pg import where_of

    user = psycopg.conninfo.conninfo_to_dict(url).get("user") or os.environ.get("PGUSER") or ""
    return user, f"agency:{user}@{where_of(url)}"


def _stored_password(url: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_entry(url)[1])
    except Exception:  # noqa: BLE001  no keyring on this PC: the agent is asked
        return None


def _remember(url: str, password: str) -> None:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_entry(url)[1], password)
    except Exception:  # noqa: BLE001  kept for this session only
        pass


class PasswordDialog(QDialog):
    def __init__(self, user: str, where: str, problem: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to the agency database"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Agent {user} on {where}").format(user=user, where=where))
        layout.addWidget(intro)
        if problem:
            text = QCoreApplication.translate("agency_signin", "The agency database refused the sign-in:") + "\n" + problem
        else:
            text = QCoreApplication.translate("agency_signin", "Enter the agent's password.")
        said = QLabel(text)
        said.setWordWrap(True)
        layout.addWidget(said)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setAccessibleName(self.tr("Password"))
        layout.addWidget(self.password)
        self.keep = QCheckBox(self.tr("Remember on this PC (OS keyring)"))
        layout.addWidget(self.keep)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.password.setFocus()


def ask_password(user: str, where: str, problem: str) -> tuple[str, bool] | None:
    dialog = PasswordDialog(user, where, problem)
    if dialog.exec() != QDialog.Accepted or not dialog.password.text():
        return None
    return dialog.password.text(), dialog.keep.isChecked()


RETRY, STANDALONE, QUIT = "retry", "standalone", "quit"



def ask_what_now(problem: str) -> str:
    box = QMessageBox(QMessageBox.Warning, QCoreApplication.translate("agency_signin", "Agency database out of reach"), problem)
    retry = box.addButton(QCoreApplication.translate("agency_signin", "Retry"), QMessageBox.AcceptRole)
    alone = box.addButton(QCoreApplication.translate("agency_signin", "Work stand-alone (declarant)…"), QMessageBox.ActionRole)
    box.addButton(QCoreApplication.translate("agency_signin", "Quit"), QMessageBox.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else STANDALONE if clicked is alone else QUIT


def ask_reason() -> str | None:
    text, ok = QInputDialog.getText(None, QCoreApplication.translate("agency_signin", "Stand-alone"),
                                    QCoreApplication.translate("agency_signin", "What is down, since when, the ticket (recorded):"))
    return text if ok and text.strip() else None


def tell(problem: str) -> None:
    QMessageBox.warning(None, QCoreApplication.translate("agency_signin", "Agency database"), problem)


def ensure_signed_in(data_dir, ask: Callable = ask_password, what_now: Callable = ask_what_now,
                     reason: Callable = ask_reason, inform: Callable = tell, attempts: int = 5) -> bool:
    """True when the desk can open its store (the agency's, or stand-alone); False to quit."""
    from ..store import open_store
    from ..store.db import database_url
    from ..store.pg import where_of
    from ..store import standalone

    url = database_url()
    if not url:
        return True
    given = psycopg.conninfo.conninfo_to_dict(url).get("password")
    if not given and not os.environ.get("PGPASSWORD"):
        stored = _stored_password(url)
        if stored:
            os.environ["PGPASSWORD"] = stored
    problem = ""
    for _ in range(attempts):
        try:
            open_store(data_dir).close()
            return True
        except SignInError as exc:
            # the first time, no password was given yet: just ask; afterwards say what was refused
            first = "no password supplied" in str(exc)
            answer = ask(keyring_entry(url)[0], where_of(url), "" if first else str(exc))
            if answer is None:
                return False
            password, keep = answer
            os.environ["PGPASSWORD"] = password  # libpq reads it for every connection of this desk
            if keep:
                _remember(url, password)
        except StoreUnavailableError as exc:
            choice = what_now(str(exc))
            if choice == QUIT:
                return False
            if choice == STANDALONE:
                why = reason()
                if why is None:
                    continue
                try:
                    standalone.switch_on(data_dir, why)
                except (PermissionDeniedError, KnownError) as refused:
                    inform(str(refused))
                    continue
                return True
        except KnownError as exc:  # e.g. the database is at an older schema: an admin runs db init
            problem = str(exc)
            inform(problem)
            return False
    return False
