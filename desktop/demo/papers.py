"""Sample papers from a seeded demo database, for the docs: ``python -m desktop.demo.papers
[--out docs]`` writes the council packet (PDF and XLSX), a case card, the city export, and
PNG images of the PDFs' first pages (drawn by pdfium)."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import select

from db.models import CommunityCentre, CouncilMeeting

# Enough households that one dong's open cases fill some ~100 m cells to three or more
# (the map page shows no smaller count).
HOUSEHOLDS = 6000


def make(out: Path, households: int = HOUSEHOLDS) -> list[Path]:
    import keyring

    from desktop import reporting
    from desktop.context import open_database
    from desktop.demo import DEMO_ADMIN, populate
    from desktop.security import accounts
    from tests.helpers.keyring_memory import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="anbu-papers-") as folder:
        work = Path(folder)
        with open_database(f"sqlite:///{work / 'demo.db'}") as ctx:
            populate(ctx, households=households, seed=3, anchor=date(2026, 11, 20))
            accounts.sign_in(ctx, DEMO_ADMIN, accounts.DEMO_PASSWORD)
            with ctx.session() as session:
                meeting = session.scalars(
                    select(CouncilMeeting).order_by(CouncilMeeting.held_on.desc())
                ).first()
                assert meeting is not None and meeting.centre_id is not None
                centre = session.get(CommunityCentre, meeting.centre_id)
                assert centre is not None
            period = reporting.Period(date(2026, 6, 1), date(2026, 11, 30))
            for name in ("council.pdf", "council.xlsx"):
                reporting.write_council(
                    ctx,
                    period,
                    work / name,
                    reason="문서 예시",
                    meeting_on=meeting.held_on,
                    centre=centre.code,
                )
            reporting.write_case_card(ctx, 5, work / "case-card.pdf", reason="문서 예시")
            reporting.export_city(ctx, period, work / "city-export.xlsx", reason="문서 예시")
        for name in ("council.pdf", "council.xlsx", "case-card.pdf", "city-export.xlsx"):
            target = out / f"sample-{name}"
            shutil.copyfile(work / name, target)
            written.append(target)
        from reports.render import save_pages_png

        for name, pages in (("council", 4), ("case-card", 1)):
            pdf = (out / f"sample-{name}.pdf").read_bytes()
            written += [
                Path(p) for p in save_pages_png(pdf, str(out / f"{name}-page"), pages=pages)
            ]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.demo.papers")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--households", type=int, default=HOUSEHOLDS)
    args = parser.parse_args(argv)
    for path in make(args.out, args.households):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
