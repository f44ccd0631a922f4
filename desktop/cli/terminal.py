"""What every command shares: exit codes, the usage error, signing in at a terminal,
secrets and reasons asked for there, and a progress line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from datetime import date

from db.errors import UserError
from desktop.config import resolve_database_url
from desktop.context import AppContext, open_database
from desktop.security.access import NotSignedInError
from desktop.security.accounts import AccountError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_UNREADABLE = 2


class UsageError(UserError):
    """The command was given wrong or missing options; the message says how to write it."""


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 2026-11-30처럼 적어 주십시오: '{text}'") from None


class TerminalProgress:
    """One progress line on standard error, redrawn at most a few times a second, and only
    when standard error is a terminal (scripts and logs get the summary alone)."""

    def __init__(self, interval: float = 0.3) -> None:
        self._interval = interval
        self._shown_at = 0.0
        self._width = 0
        self._active = sys.stderr.isatty()

    def show(self, text: str) -> None:
        now = time.perf_counter()
        if self._active and now - self._shown_at >= self._interval:
            self._shown_at = now
            self._width = max(self._width, len(text))
            print(f"\r{text:<{self._width}}", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self._active and self._width:
            print("\r" + " " * self._width + "\r", end="", file=sys.stderr, flush=True)
            self._width = 0


def open_signed_in(args: argparse.Namespace, *, sign_in: bool = True) -> AppContext:
    """The database, with the account of ``ANBU_USER``/``ANBU_PASSWORD`` (or asked for at
    the terminal) signed in."""
    ctx = open_database(resolve_database_url(args.db))
    if sign_in:
        try:
            terminal_sign_in(ctx)
        except BaseException:
            ctx.close()
            raise
    return ctx


def terminal_sign_in(ctx: AppContext) -> None:
    from desktop.security import accounts

    if not accounts.count_accounts(ctx):
        raise AccountError(
            "이 데이터베이스에는 아직 계정이 없습니다. 먼저 관리자를 만드십시오: "
            "anbu user add 아이디 --role admin"
        )
    username = os.environ.get("ANBU_USER")
    password = os.environ.get("ANBU_PASSWORD")
    if not username or password is None:
        if not sys.stdin.isatty():
            raise NotSignedInError()
        username = username or input("아이디: ")
        password = getpass.getpass("비밀번호: ")
    accounts.sign_in(ctx, username, password)


def new_secret(prompt: str, env: str) -> str:
    """A new password or passphrase: from ``env``, typed twice at a terminal, or the first
    line of standard input."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin.isatty():
        first = getpass.getpass(f"{prompt}: ")
        if getpass.getpass(f"{prompt} 확인: ") != first:
            raise UsageError("두 번 입력한 값이 다릅니다.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def secret(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(f"{prompt}: ")
    return sys.stdin.readline().rstrip("\r\n")


def reason_for(args: argparse.Namespace, what: str) -> str | None:
    """A reason from --reason, or asked for at a terminal."""
    if args.reason or not sys.stdin.isatty():
        return args.reason  # type: ignore[no-any-return]
    return input(f"{what} 이유: ")
