"""``anbu --self-test``: does this installation have everything it needs?

Run by the build before packaging (and by support staff on a PC that misbehaves). Each
part is tried for real, in a temporary folder, touching no user data: the database layer
(migrations and both drivers), the keyring (a test entry written, read and removed), the
PDF writer with the shipped Hangul font, the XLSX writer and reader, the Korean analyser's
model, and the Qt platform with its translations. Exit 0 when all pass; otherwise each
missing part is named.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

SELF_TEST_SERVICE = "AnbuDesk self-test"


def _database(folder: Path) -> str:
    import psycopg  # noqa: F401 (the PostgreSQL driver the shared database needs)
    from sqlalchemy.dialects import postgresql  # noqa: F401

    from db import migrate
    from db.engine import make_engine, sqlite_url

    engine = make_engine(sqlite_url(folder / "self-test.db"))
    try:
        status = migrate.upgrade(engine)
    finally:
        engine.dispose()
    return status.describe()


def _keyring(_folder: Path) -> str:
    import uuid

    from desktop.security import secrets

    backend = secrets.secure_backend()
    entry = f"self-test-{uuid.uuid4()}"
    backend.set_password(SELF_TEST_SERVICE, entry, "안부")
    try:
        if backend.get_password(SELF_TEST_SERVICE, entry) != "안부":
            raise RuntimeError("키 저장소에 쓴 값을 다시 읽지 못했습니다")
    finally:
        backend.delete_password(SELF_TEST_SERVICE, entry)
    return secrets.backend_name(backend)


def _pdf(folder: Path) -> str:
    from reports.pdf import Styles, para, write_pdf

    path = folder / "self-test.pdf"
    write_pdf(
        path,
        [para("안부데스크 자가 진단: 똠 햏 뷁 <img>", Styles().body)],
        title="self-test",
        header="self-test",
        note="",
        footer="",
    )
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"NanumGothic" not in data:
        raise RuntimeError("PDF에 한글 글꼴(NanumGothic)이 들어가지 않았습니다")
    return f"{len(data):,} bytes, NanumGothic"


def _xlsx(folder: Path) -> str:
    import python_calamine

    from reports.xlsx import new_workbook, save_workbook, text

    path = folder / "self-test.xlsx"
    book = new_workbook()
    sheet = book.create_sheet("검사")
    sheet.append([text(sheet, "=1+1"), 42])
    save_workbook(book, path)
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("검사")
    values = rows.to_python()
    if values[0][0] != "=1+1":
        raise RuntimeError("XLSX 셀을 다시 읽지 못했습니다")
    return "openpyxl, lxml, calamine"


def _analyser(_folder: Path) -> str:
    from desktop.casework.risk import danger_words

    words = danger_words("요즘 죽고 싶다는 말을 자주 함")
    if not words:
        raise RuntimeError("형태소 분석 모델이 위험 단어를 찾지 못했습니다")
    return ", ".join(words)


def _territory(_folder: Path) -> str:
    """Geometry for the centres' boundaries (shapely and its GEOS library)."""
    import json

    import shapely
    from shapely.geometry import mapping

    from db.enums import TerritoryKind
    from db.models import TerritoryRule
    from desktop.address import parse_address
    from desktop.office.territory import Router, _Centre, read_boundary

    square = {
        "type": "Polygon",
        "coordinates": [
            [[129.1, 35.1], [129.2, 35.1], [129.2, 35.2], [129.1, 35.2], [129.1, 35.1]]
        ],
    }
    geometry = read_boundary(json.dumps(square), code="2635051000", name="좌1동", gu="해운대구")
    rule = TerritoryRule(
        centre_id=1, kind=TerritoryKind.BOUNDARY, boundary=json.dumps(mapping(geometry)), label="-"
    )
    router = Router({1: _Centre(1, "해운대구", "좌1동")}, [rule])
    placed = router.place(parse_address(None), 35.15, 129.15)
    if placed is None or placed.centre_id != 1:
        raise RuntimeError("경계 안의 점을 찾지 못했습니다")
    return f"shapely {shapely.__version__}: {placed.note}"


def _qt(_folder: Path) -> str:
    from ui.selftest import check_qt  # the only check that needs Qt, imported when run

    return check_qt()


CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("데이터베이스", _database),
    ("키 저장소", _keyring),
    ("PDF", _pdf),
    ("XLSX", _xlsx),
    ("형태소 분석", _analyser),
    ("관할 경계", _territory),
    ("Qt 화면", _qt),
)


def run(out: TextIO, *, verbose: bool = False) -> int:
    failed = []
    with tempfile.TemporaryDirectory(prefix="anbu-self-test-") as folder:
        for name, check in CHECKS:
            try:
                detail = check(Path(folder))
            except BaseException as exc:  # every failure is a finding, not a crash
                if isinstance(exc, KeyboardInterrupt):
                    raise
                failed.append(name)
                print(f"없음  {name}: {type(exc).__name__}: {exc}", file=out)
                if verbose:
                    traceback.print_exc(file=out)
            else:
                print(f"정상  {name}: {detail}", file=out)
    if failed:
        print(f"자가 진단 실패: {', '.join(failed)}", file=out)
        return 1
    print("자가 진단 통과", file=out)
    return 0
