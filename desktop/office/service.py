"""What the client's settings screen needs beyond this PC's settings: staff accounts (for
administrators), the deadline rules, and the shared database's password. Plain objects in
and out; the permission checks are those of ``accounts`` and ``DeadlineRules``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from sqlalchemy import select

from db.engine import normalise_url
from db.enums import Role
from db.models import CommunityCentre
from desktop.casework.deadlines import DeadlineRules
from desktop.context import AppContext
from desktop.office import centres as registry
from desktop.reporting import CentreChoice
from desktop.security import accounts, secrets
from desktop.security.access import Permission, allows, require


class AdminService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def can(self, permission: Permission) -> bool:
        return allows(self._ctx, permission)

    def database_in_use(self) -> str:
        """The database this client has open (its password left out): a SQLite file's
        path, or the server's address."""
        url = self._ctx.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ""
        return url.render_as_string(hide_password=True)

    # -- accounts ----------------------------------------------------------------------------

    def accounts(self) -> list[accounts.Account]:
        return accounts.list_accounts(self._ctx)

    def centres(self) -> list[CentreChoice]:
        require(self._ctx, Permission.MANAGE_USERS)
        with self._ctx.session() as session:
            return [
                CentreChoice(c.id, c.code, c.name)
                for c in session.scalars(
                    select(CommunityCentre).order_by(CommunityCentre.gu, CommunityCentre.dong)
                )
            ]

    def add_account(
        self, username: str, display_name: str, role: Role, centre_code: str | None, password: str
    ) -> int:
        return accounts.add_user(
            self._ctx,
            username,
            password,
            role=role,
            display_name=display_name,
            centre=centre_code,
        )

    def set_active(self, username: str, active: bool) -> None:
        accounts.set_active(self._ctx, username, active)

    # -- community centres and their territory ---------------------------------------------------

    def centre_list(self) -> list[registry.CentreInfo]:
        return registry.list_centres(self._ctx)

    def add_centre(self, code: str, name: str, gu: str, phone: str) -> registry.CentreInfo:
        return registry.add_centre(self._ctx, code, name=name, gu=gu, phone=phone or None)

    def edit_centre(self, code: str, name: str, gu: str, phone: str) -> registry.CentreInfo:
        return registry.edit_centre(self._ctx, code, name=name, gu=gu, phone=phone)

    def set_centre_active(self, code: str, active: bool) -> registry.CentreInfo:
        return registry.set_active(self._ctx, code, active)

    def cover(
        self, code: str, *, road: str = "", legal_dong: str = "", boundary: Path | None = None
    ) -> registry.CentreInfo:
        return registry.cover(
            self._ctx,
            code,
            roads=[road] if road.strip() else [],
            legal_dongs=[legal_dong] if legal_dong.strip() else [],
            boundaries=[boundary] if boundary else [],
        )

    def remove_rule(self, rule_id: int) -> registry.CentreInfo:
        return registry.remove_rule(self._ctx, rule_id)

    # -- deadline rules ------------------------------------------------------------------------

    def rules(self) -> dict[str, int]:
        return asdict(DeadlineRules.load(self._ctx))

    def save_rules(self, values: dict[str, int]) -> None:
        DeadlineRules(**values).save(self._ctx)

    # -- the shared database's password ---------------------------------------------------------

    @staticmethod
    def store_database_password(url: str, password: str) -> str:
        """Keep ``password`` for ``url`` in the OS keyring; returns the URL without it, which
        is what the settings file may hold."""
        parsed = normalise_url(url)
        bare = parsed.set(password=None).render_as_string(hide_password=False)
        if password:
            secrets.set_database_password(
                parsed.set(password=None).render_as_string(hide_password=True), password
            )
        return bare
