from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from db.enums import CaseStatus, Channel, ClosureReason, DecisionKind, LinkMethod, SuggestionStatus
from db.models import Alert, Case, LinkDecision, LinkSuggestion, Person
from db.queries import CaseFilter
from desktop.caselist.listing import iter_cases
from desktop.casework.actions import assign
from desktop.casework.detail import case_detail as detail_of
from desktop.context import AppContext
from desktop.intake.channels import CHANNELS
from desktop.intake.ingest import Ingestor, RawRow
from desktop.linking import decisions
from desktop.linking.linker import ChunkLinker
from desktop.linking.merging import LinkingError
from tests.helpers.linking import (
    alert,
    call,
    import_records,
    quiet_call,
    quiet_visit,
    report,
    visit,
)

ADDRESS = "부산광역시 해운대구 좌동로 10, 101동 1203호"


def cases(ctx: AppContext) -> int:
    with ctx.session() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Case).where(Case.merged_into_id.is_(None))
            )
            or 0
        )


# -- the three outcomes, and each blocking key ----------------------------------------


def test_same_phone_links_across_files_and_formats(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [call("C-2", "김민준", "+82 10-1234-5678")])
    first, second = alert(ctx, "C-1"), alert(ctx, "C-2")
    assert second.case_id == first.case_id and second.link_method is LinkMethod.AUTO
    assert "전화번호 일치" in second.link_reasons and "이름 일치" in " ".join(second.link_reasons)
    assert cases(ctx) == 1


def test_name_with_exact_address_links_a_carrier_visit_to_a_call(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "이순자", "010-2222-3333", 주소="부산 해운대구 좌동로10 101-1203")],
    )
    import_records(
        ctx,
        tmp_path,
        [visit("V-1", "이순자", "해운대구 좌동로 10 (좌동, 그린아파트) 101동 1203호")],
    )
    assert alert(ctx, "V-1").case_id == alert(ctx, "C-1").case_id
    assert "주소 일치(동·호 포함)" in alert(ctx, "V-1").link_reasons


def test_name_and_birth_date_block_together(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [call("C-1", "박영호", "010-3333-4444", 생년월일="1950-03-17")])
    import_records(ctx, tmp_path, [call("C-2", "박영호", "010-9999-0000", 생년월일="500317")])
    second = alert(ctx, "C-2")
    assert "생년월일 일치" in second.link_reasons
    assert second.case_id == alert(ctx, "C-1").case_id or second.link_method is LinkMethod.REVIEW


def test_neighbours_in_the_same_building_are_never_linked(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [visit("V-1", "김민준", "해운대구 좌동로 10 101동 1203호")])
    import_records(ctx, tmp_path, [visit("V-2", "김민준", "해운대구 좌동로 10 101동 1204호")])
    assert alert(ctx, "V-2").case_id != alert(ctx, "V-1").case_id
    assert alert(ctx, "V-2").link_method is not LinkMethod.AUTO


def test_other_surname_is_another_person(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS)])
    import_records(ctx, tmp_path, [visit("V-2", "박민준", ADDRESS)])
    assert alert(ctx, "V-2").case_id != alert(ctx, "V-1").case_id


def test_a_typo_in_the_name_with_the_same_phone_still_links(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [call("C-2", "김민존", "010-1234-5678")])
    assert alert(ctx, "C-2").case_id == alert(ctx, "C-1").case_id
    assert any(r.startswith("이름 유사") for r in alert(ctx, "C-2").link_reasons)


def _named_report_then_anonymous_nearby(ctx: AppContext, tmp_path: Path) -> None:
    """R-1 names 최말순 at the flat, with its place; R-2 names no one, at the flat, 1 m
    away."""
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="최말순", 주소=ADDRESS, 위도="35.1631", 경도="129.1636")],
    )
    import_records(ctx, tmp_path, [report("R-2", 주소=ADDRESS, 위도="35.16311", 경도="129.16361")])


def test_a_report_naming_only_its_flat_is_asked_about_never_linked_automatically(
    ctx: AppContext, tmp_path: Path
) -> None:
    _named_report_then_anonymous_nearby(ctx, tmp_path)
    anonymous = alert(ctx, "R-2")
    assert anonymous.case_id != alert(ctx, "R-1").case_id
    assert anonymous.link_method is LinkMethod.REVIEW
    assert "주소 일치(동·호 포함)" in anonymous.link_reasons
    [item] = decisions.review_queue(ctx)
    assert item.alert_id == anonymous.id and item.candidates[0].name == "최○○"


def test_a_report_with_only_a_pin_on_the_map_is_neither_linked_nor_a_guess(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A pin 1 m from a known household's points at its building, not at its flat: the
    report opens a case of its own, with no candidate to accept blindly."""
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="최말순", 주소=ADDRESS, 위도="35.1631", 경도="129.1636")],
    )
    import_records(ctx, tmp_path, [report("R-2", 위도="35.16311", 경도="129.16361")])
    pinned = alert(ctx, "R-2")
    assert pinned.case_id != alert(ctx, "R-1").case_id
    assert pinned.link_method is LinkMethod.NEW_CASE
    assert decisions.review_queue(ctx) == []


def test_the_queue_shows_the_case_a_suggested_case_was_merged_into(
    ctx: AppContext, tmp_path: Path
) -> None:
    _named_report_then_anonymous_nearby(ctx, tmp_path)
    import_records(ctx, tmp_path, [call("C-1", "최말순", "010-2222-3333")])  # no address
    suggested, kept = alert(ctx, "R-1").case_id, alert(ctx, "C-1").case_id
    assert suggested is not None and kept is not None and suggested != kept
    decisions.merge(ctx, kept, suggested, reason="같은 분 확인")
    [item] = decisions.review_queue(ctx)
    [candidate] = item.candidates
    with ctx.session() as session:
        kept_case = session.get(Case, kept)
        assert kept_case is not None
        assert (candidate.case_id, candidate.household_id) == (kept, kept_case.household_id)
    assert candidate.name == "최○○"
    decisions.accept(ctx, candidate.suggestion_id)
    assert alert(ctx, "R-2").case_id == kept and cases(ctx) == 1


def test_merging_the_case_an_alert_asks_about_into_its_own_answers_the_question(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [report("R-1", 주소=ADDRESS)])  # anonymous, at the flat
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS)])  # asks about R-1's case
    [item] = decisions.review_queue(ctx)
    asked, own = item.candidates[0].case_id, alert(ctx, "V-1").case_id
    assert asked == alert(ctx, "R-1").case_id and own is not None and asked is not None
    decision = decisions.merge(ctx, own, asked, reason="같은 집")
    assert decisions.review_queue(ctx) == [] and cases(ctx) == 1
    with ctx.session() as session:
        question = session.scalars(
            select(LinkSuggestion).where(LinkSuggestion.alert_id == item.alert_id)
        ).one()
        assert question.status is SuggestionStatus.SUPERSEDED
    decisions.undo(ctx, decision)
    [item] = decisions.review_queue(ctx)
    assert item.alert_id == alert(ctx, "V-1").id and item.candidates[0].case_id == asked


def test_nearby_an_alert_with_an_address_looks_for_placeless_reports_and_its_own_name(
    ctx: AppContext, tmp_path: Path
) -> None:
    """The ~100 m cell block, for an alert that has an address of its own: households at
    other addresses are other households, unless one of them has a member of its name
    (the address may be written wrong); a report known only by its pin is compared, but
    a pin alone is no reason to ask."""
    import_records(
        ctx,
        tmp_path,
        [
            report("R-1", 대상자명="최말순", 주소=ADDRESS, 위도="35.1631", 경도="129.1636"),
            report("R-2", 위도="35.16312", 경도="129.16362"),  # place only
        ],
    )
    next_door = "부산광역시 해운대구 좌동로 12"
    import_records(
        ctx,
        tmp_path,
        [
            report("R-3", 대상자명="박영호", 주소=next_door, 위도="35.16311", 경도="129.16361"),
            report("R-4", 대상자명="최말순", 주소=next_door, 위도="35.16311", 경도="129.16361"),
        ],
    )
    other_person = alert(ctx, "R-3")
    assert other_person.link_method is LinkMethod.NEW_CASE  # not the pin 1 m away
    assert not [i for i in decisions.review_queue(ctx) if i.alert_id == other_person.id]
    same_name = alert(ctx, "R-4")
    assert same_name.link_method is LinkMethod.REVIEW and "주소 다름" in same_name.link_reasons
    asked = {
        c.case_id
        for i in decisions.review_queue(ctx)
        if i.alert_id == same_name.id
        for c in i.candidates
    }
    assert alert(ctx, "R-1").case_id in asked


def test_a_household_known_only_by_the_flat_does_not_make_a_named_match_ambiguous(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [report("R-1", 주소=ADDRESS)])  # anonymous, at the flat
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS)])  # asked: the flat alone
    assert alert(ctx, "V-1").link_method is LinkMethod.REVIEW
    # A visit with a slip in the name, at the flat: the named household is the one.
    import_records(ctx, tmp_path, [visit("V-2", "김민존", ADDRESS)])
    linked = alert(ctx, "V-2")
    assert linked.link_method is LinkMethod.AUTO and linked.case_id == alert(ctx, "V-1").case_id
    # Whether the anonymous report's case is the same household is asked, not assumed.
    [item] = [i for i in decisions.review_queue(ctx) if i.alert_id == linked.id]
    assert [c.case_id for c in item.candidates] == [alert(ctx, "R-1").case_id]
    assert item.candidates[0].reasons[0].startswith(f"사례 {linked.case_id}번에 자동 연결된")
    assert alert(ctx, "R-1").case_id != linked.case_id


def test_no_evidence_opens_a_new_case(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [call("C-2", "이서연", "010-8765-4321")])
    assert alert(ctx, "C-2").link_method is LinkMethod.NEW_CASE and cases(ctx) == 2


def test_records_of_one_file_link_to_each_other(ctx: AppContext, tmp_path: Path) -> None:
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "김민준", "010-1234-5678"), call("C-2", "김민준", "01012345678")],
    )
    assert alert(ctx, "C-1").case_id == alert(ctx, "C-2").case_id


def test_a_link_fills_in_what_the_household_lacked(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [visit("V-1", "이순자", ADDRESS)])  # no phone
    import_records(
        ctx, tmp_path, [call("C-1", "이순자", "010-2222-3333", 주소=ADDRESS, 생년월일="1944-02-02")]
    )
    import_records(
        ctx, tmp_path, [call("C-2", "이순자", "010-2222-3333")]
    )  # found by the phone now
    assert alert(ctx, "C-1").case_id == alert(ctx, "V-1").case_id == alert(ctx, "C-2").case_id
    with ctx.session() as session:
        person = session.get(Person, alert(ctx, "V-1").person_id)
        assert person is not None and person.phone_index and person.birth_date


def test_a_new_alert_on_a_closed_household_opens_a_new_case_for_it(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    with ctx.sessions.begin() as session:
        case = session.get(Case, alert(ctx, "C-1").case_id)
        assert case is not None
        case.status = CaseStatus.CLOSED
    import_records(ctx, tmp_path, [call("C-2", "김민준", "010-1234-5678")])
    first, second = alert(ctx, "C-1"), alert(ctx, "C-2")
    assert second.household_id == first.household_id and second.case_id != first.case_id


def test_linked_alert_raises_the_case_risk_and_bumps_its_version(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    with ctx.session() as session:
        before = session.get(Case, alert(ctx, "C-1").case_id)
    import_records(ctx, tmp_path, [call("C-2", "김민준", "010-1234-5678", AI위험도="75")])
    with ctx.session() as session:
        after = session.get(Case, alert(ctx, "C-1").case_id)
    assert before is not None and after is not None
    assert after.risk.value == "crisis" and after.version > before.version


# -- staff decisions, and undo --------------------------------------------------------------


def _queued(ctx: AppContext, tmp_path: Path) -> tuple[Alert, Alert]:
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="최말순", 주소=ADDRESS, 위도="35.1631", 경도="129.1636")],
    )
    import_records(ctx, tmp_path, [report("R-2", 주소=ADDRESS, 위도="35.16311", 경도="129.16361")])
    return alert(ctx, "R-1"), alert(ctx, "R-2")


def test_accept_then_undo(ctx: AppContext, tmp_path: Path) -> None:
    known, queued = _queued(ctx, tmp_path)
    [item] = decisions.review_queue(ctx)
    decision = decisions.accept(ctx, item.candidates[0].suggestion_id, reason="통장 확인")
    moved = alert(ctx, "R-2")
    assert moved.case_id == known.case_id and moved.link_method is LinkMethod.MANUAL
    assert decisions.review_queue(ctx) == [] and cases(ctx) == 1
    with ctx.session() as session:
        provisional = session.get(Case, queued.case_id)
        record = session.get(LinkDecision, decision)
        assert provisional is not None and record is not None
        assert provisional.closure_reason is ClosureReason.DUPLICATE
        assert provisional.merged_into_id == known.case_id and record.reason == "통장 확인"
    decisions.undo(ctx, decision)
    back = alert(ctx, "R-2")
    assert back.case_id == queued.case_id and back.link_method is LinkMethod.REVIEW
    assert len(decisions.review_queue(ctx)) == 1 and cases(ctx) == 2
    with pytest.raises(LinkingError, match="이미 되돌렸습니다"):
        decisions.undo(ctx, decision)


def test_reject_then_undo(ctx: AppContext, tmp_path: Path) -> None:
    _known, queued = _queued(ctx, tmp_path)
    [item] = decisions.review_queue(ctx)
    decision = decisions.reject(ctx, item.candidates[0].suggestion_id)
    assert decisions.review_queue(ctx) == []
    assert alert(ctx, "R-2").link_method is LinkMethod.NEW_CASE
    decisions.undo(ctx, decision)
    assert len(decisions.review_queue(ctx)) == 1
    assert alert(ctx, "R-2").case_id == queued.case_id


def test_merge_then_undo_loses_neither_side(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS)])
    keep, other = alert(ctx, "C-1").case_id, alert(ctx, "V-1").case_id
    assert keep is not None and other is not None and keep != other
    owed = {keep: _dues(ctx, keep), other: _dues(ctx, other)}
    decision = decisions.merge(ctx, keep, other, reason="같은 분 확인")
    assert alert(ctx, "V-1").case_id == keep and cases(ctx) == 1
    # The visit's deadlines are not lost with its case: the kept case owes the earlier.
    assert _dues(ctx, keep) == tuple(
        min((d for d in (a, b) if d is not None), default=None)
        for a, b in zip(owed[keep], owed[other], strict=True)
    )
    with ctx.session() as session:
        merged = session.get(Case, other)
        assert merged is not None and merged.status is CaseStatus.CLOSED
    decisions.undo(ctx, decision)
    assert alert(ctx, "V-1").case_id == other and cases(ctx) == 2
    with ctx.session() as session:
        restored = session.get(Case, other)
        assert restored is not None and restored.status is CaseStatus.RECEIVED
        assert restored.merged_into_id is None
    assert _dues(ctx, keep) == owed[keep] and _dues(ctx, other) == owed[other]


def test_a_member_recorded_by_both_cases_is_listed_once_and_undo_parts_the_records(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678", 생년월일="1950-03-01")])
    import_records(ctx, tmp_path, [visit("V-1", "김 민준", ADDRESS)])
    called, visited = alert(ctx, "C-1"), alert(ctx, "V-1")
    assert called.case_id is not None and visited.case_id is not None
    decision = decisions.merge(ctx, visited.case_id, called.case_id, reason="같은 분 확인")
    with ctx.session() as session:
        [member] = session.scalars(
            select(Person).where(Person.household_id == visited.household_id)
        )
        assert member.id == visited.person_id  # the kept case's record stays
        assert member.phone_index is not None and str(member.birth_date) == "1950-03-01"
    assert alert(ctx, "C-1").person_id == visited.person_id
    assert len(detail_of(ctx, visited.case_id).persons) == 1
    decisions.undo(ctx, decision)
    assert alert(ctx, "C-1").person_id == called.person_id
    with ctx.session() as session:
        kept = session.get(Person, visited.person_id)
        assert kept is not None and kept.phone_index is None and kept.birth_date is None
        other = session.get(Person, called.person_id)
        assert other is not None and other.household_id == called.household_id
        assert other.phone_index is not None


def test_members_with_other_phones_or_birth_dates_stay_two_people(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [call("C-2", "김민준", "010-9999-0000", 생년월일="1980-01-01")])
    first, second = alert(ctx, "C-1"), alert(ctx, "C-2")
    assert first.case_id is not None and second.case_id is not None
    assert first.case_id != second.case_id
    decisions.merge(ctx, first.case_id, second.case_id, reason="같은 가구 (부자)")
    assert len(detail_of(ctx, first.case_id).persons) == 2
    assert alert(ctx, "C-2").person_id == second.person_id


def test_split_into_a_new_case_then_undo(ctx: AppContext, tmp_path: Path) -> None:
    import_records(
        ctx,
        tmp_path,
        [call("C-1", "김민준", "010-1234-5678"), call("C-2", "김민준", "010-1234-5678")],
    )
    case_id = alert(ctx, "C-1").case_id
    assert case_id is not None and alert(ctx, "C-2").case_id == case_id
    decision, new_case = decisions.split(ctx, case_id, [alert(ctx, "C-2").id], reason="동명이인")
    assert alert(ctx, "C-2").case_id == new_case != case_id and cases(ctx) == 2
    assert alert(ctx, "C-2").household_id != alert(ctx, "C-1").household_id
    decisions.undo(ctx, decision)
    assert alert(ctx, "C-2").case_id == case_id and cases(ctx) == 1


def test_split_refuses_to_empty_a_case(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    with pytest.raises(LinkingError, match="모두 분리할 수는 없습니다"):
        decisions.split(ctx, alert(ctx, "C-1").case_id or 0, [alert(ctx, "C-1").id])


def test_a_machine_link_is_undone_without_losing_either_side(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [visit("V-1", "이순자", ADDRESS)])
    import_records(ctx, tmp_path, [call("C-1", "이순자", "010-2222-3333", 주소=ADDRESS)])
    linked = alert(ctx, "C-1")
    assert linked.link_method is LinkMethod.AUTO
    with ctx.session() as session:
        auto = session.scalars(
            select(LinkDecision).where(LinkDecision.alert_ids.is_not(None))
        ).all()
        person = session.get(Person, alert(ctx, "V-1").person_id)
    [decision] = [d for d in auto if str(linked.id) in d.alert_ids]
    assert person is not None and person.phone_index  # the link gave the visited person a phone
    decisions.undo(ctx, decision.id, reason="다른 분이었음")
    apart = alert(ctx, "C-1")
    assert apart.case_id != alert(ctx, "V-1").case_id and cases(ctx) == 2
    with ctx.session() as session:
        person = session.get(Person, alert(ctx, "V-1").person_id)
        other = session.get(Person, apart.person_id)
    assert person is not None and person.phone_index is None  # the phone went back with it
    assert other is not None and other.phone_index and other.name == "이순자"


def test_an_undo_out_of_order_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS)])
    import_records(ctx, tmp_path, [call("C-9", "이서연", "010-8765-4321")])
    keep, other, third = (alert(ctx, s).case_id or 0 for s in ("C-1", "V-1", "C-9"))
    first = decisions.merge(ctx, keep, other)
    decisions.merge(ctx, third, keep)  # the merged alerts move on again
    with pytest.raises(LinkingError, match="나중 결정부터"):
        decisions.undo(ctx, first)


def test_suggestions_are_stored_with_reasons_but_no_personal_values(
    ctx: AppContext, tmp_path: Path
) -> None:
    _queued(ctx, tmp_path)
    with ctx.session() as session:
        suggestion = session.scalars(select(LinkSuggestion)).one()
    assert suggestion.status is SuggestionStatus.OPEN
    assert not any("최말순" in r or "좌동로" in r for r in suggestion.reasons)


def _bridged(ctx: AppContext, tmp_path: Path) -> tuple[Alert, Alert, Alert]:
    """An anonymous report at a flat, a call with a name and phone but no address, then a
    carrier visit with the name, phone and the flat: it links to the call and bridges to
    the report."""
    import_records(ctx, tmp_path, [report("R-1", 주소=ADDRESS, 위도="35.1631", 경도="129.1636")])
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS, 연락처="010-1234-5678")])
    return alert(ctx, "R-1"), alert(ctx, "C-1"), alert(ctx, "V-1")


def test_an_alert_that_bridges_two_cases_asks_whether_they_are_one(
    ctx: AppContext, tmp_path: Path
) -> None:
    anonymous, called, visited = _bridged(ctx, tmp_path)
    assert visited.link_method is LinkMethod.AUTO and visited.case_id == called.case_id
    assert anonymous.case_id != called.case_id and cases(ctx) == 2
    [item] = decisions.review_queue(ctx)
    [candidate] = item.candidates
    assert item.alert_id == visited.id and candidate.case_id == anonymous.case_id
    assert candidate.reasons[0].startswith(f"사례 {called.case_id}번에 자동 연결된 알림")
    assert "주소 일치(동·호 포함)" in candidate.reasons
    # Staff find them one household: the two cases become one, and undo parts them again.
    decision = decisions.accept(ctx, candidate.suggestion_id, reason="같은 집 확인")
    assert alert(ctx, "R-1").case_id == alert(ctx, "C-1").case_id == alert(ctx, "V-1").case_id
    assert cases(ctx) == 1 and decisions.review_queue(ctx) == []
    decisions.undo(ctx, decision)
    assert alert(ctx, "V-1").case_id == called.case_id
    assert alert(ctx, "V-1").link_method is LinkMethod.AUTO
    assert alert(ctx, "R-1").case_id == anonymous.case_id and cases(ctx) == 2


def test_rejecting_a_bridge_keeps_the_automatic_link(ctx: AppContext, tmp_path: Path) -> None:
    _anonymous, called, _visited = _bridged(ctx, tmp_path)
    [item] = decisions.review_queue(ctx)
    decisions.reject(ctx, item.candidates[0].suggestion_id, reason="다른 세대")
    visited = alert(ctx, "V-1")
    assert visited.link_method is LinkMethod.AUTO and visited.case_id == called.case_id
    assert decisions.review_queue(ctx) == [] and cases(ctx) == 2


# -- the machine joins two cases of one household ----------------------------------------


def _two_then_one(ctx: AppContext, tmp_path: Path, **first_visit: str) -> tuple[int, int]:
    """A call with a name and phone but no address, then a visit with the name and flat
    but no phone (nothing to compare them by): two cases. Returns them."""
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678")])
    import_records(ctx, tmp_path, [visit("V-1", "김민준", ADDRESS, **first_visit)])
    called, visited = alert(ctx, "C-1").case_id, alert(ctx, "V-1").case_id
    assert called is not None and visited is not None and called != visited
    return called, visited


def _dues(
    ctx: AppContext, case_id: int
) -> tuple[datetime | None, datetime | None, datetime | None]:
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.first_contact_due, case.counselling_due, case.due_at


def test_an_alert_that_identifies_two_cases_joins_them_and_undo_parts_them(
    ctx: AppContext, tmp_path: Path
) -> None:
    called, visited = _two_then_one(ctx, tmp_path)
    before = {called: _dues(ctx, called), visited: _dues(ctx, visited)}
    # The next visit has the name, the phone and the flat: both cases are this household.
    import_records(ctx, tmp_path, [visit("V-2", "김민준", ADDRESS, 연락처="010-1234-5678")])
    assert {alert(ctx, s).case_id for s in ("C-1", "V-1", "V-2")} == {called}
    assert alert(ctx, "V-1").link_method is LinkMethod.AUTO and cases(ctx) == 1
    assert decisions.review_queue(ctx) == []
    # The case list shows the household once, with all three alerts.
    [listed] = iter_cases(ctx)
    assert listed["id"] == called and len(listed["alerts"]) == 3
    assert list(iter_cases(ctx, CaseFilter(statuses=frozenset({CaseStatus.CLOSED})))) == []
    with ctx.session() as session:
        folded = session.get(Case, visited)
        record = session.scalars(
            select(LinkDecision).where(LinkDecision.kind == DecisionKind.AUTO_MERGE)
        ).one()
        assert folded is not None and folded.status is CaseStatus.CLOSED
        assert folded.closure_reason is ClosureReason.DUPLICATE
        assert folded.merged_into_id == called and record.staff_id is None
        assert record.case_id == called and record.other_case_id == visited
        assert record.reason is not None and record.reason.startswith("자동 병합")
        assert "주소 일치(동·호 포함)" in record.reason and "김민준" not in record.reason
        # 김민준 was recorded by the call (with the phone) and by the visit (no phone): the
        # household lists them once, with the phone, and the visit is about that member.
        kept_household = alert(ctx, "C-1").household_id
        [member] = session.scalars(select(Person).where(Person.household_id == kept_household))
        assert member.name == "김민준" and member.phone_index is not None
        assert {alert(ctx, s).person_id for s in ("C-1", "V-1", "V-2")} == {member.id}
        visited_member = session.scalars(
            select(Person).where(Person.name == "김민준", Person.id != member.id)
        ).one()  # kept whole, with the household it came from
    [line] = detail_of(ctx, called).persons
    assert line.startswith("김")
    # The joined case owes the earlier of each deadline the two cases owed.
    for position in range(3):
        owed = [due for d in before.values() if (due := d[position]) is not None]
        assert _dues(ctx, called)[position] == (min(owed) if owed else None)
    decisions.undo(ctx, record.id, reason="다른 분")
    assert alert(ctx, "V-1").case_id == visited and cases(ctx) == 2
    assert alert(ctx, "V-1").link_method is LinkMethod.NEW_CASE
    assert alert(ctx, "V-2").case_id == called  # the new visit keeps its own link
    assert _dues(ctx, visited) == before[visited]
    with ctx.session() as session:
        restored = session.get(Case, visited)
        assert restored is not None and restored.status is CaseStatus.RECEIVED
        assert restored.merged_into_id is None
    assert alert(ctx, "V-1").person_id == visited_member.id
    assert len(detail_of(ctx, called).persons) == 1 and len(detail_of(ctx, visited).persons) == 1


def test_the_machine_never_folds_in_a_case_a_person_has_worked_on(
    ctx: AppContext, tmp_path: Path
) -> None:
    called, visited = _two_then_one(ctx, tmp_path)
    assign(ctx, [visited], ctx.actor.staff_id if ctx.actor else None)
    import_records(ctx, tmp_path, [visit("V-2", "김민준", ADDRESS, 연락처="010-1234-5678")])
    assert alert(ctx, "V-1").case_id == visited and cases(ctx) == 2
    assert alert(ctx, "V-2").case_id == called
    # Staff are asked instead: the visit links to the call and asks about the other case.
    asked = {
        c.case_id
        for item in decisions.review_queue(ctx)
        for c in item.candidates
        if item.alert_id == alert(ctx, "V-2").id
    }
    assert asked == {visited}


def test_households_that_record_something_different_are_not_joined(
    ctx: AppContext, tmp_path: Path
) -> None:
    # The first visit gives the name another phone number: perhaps another 김민준.
    called, visited = _two_then_one(ctx, tmp_path, 연락처="010-7777-8888")
    import_records(ctx, tmp_path, [visit("V-2", "김민준", ADDRESS, 연락처="010-1234-5678")])
    assert alert(ctx, "V-1").case_id == visited and cases(ctx) == 2
    assert alert(ctx, "V-2").case_id == called
    with ctx.session() as session:
        assert (
            session.scalars(
                select(LinkDecision).where(LinkDecision.kind == DecisionKind.AUTO_MERGE)
            ).all()
            == []
        )


def test_within_one_import_the_same_household_ends_in_one_case(ctx: AppContext) -> None:
    """The three records in one chunk (the path a large file takes), in time order."""
    records = [
        (Channel.AI_CALL, call("C-1", "김민준", "010-1234-5678")),
        (Channel.CARRIER, visit("V-1", "김민준", ADDRESS)),
        (Channel.CARRIER, visit("V-2", "김민준", ADDRESS, 연락처="010-1234-5678")),
    ]
    rows = [
        RawRow(n, raw, {f.key: raw[f.header] for f in CHANNELS[c].fields if f.header in raw}, c)
        for n, (c, raw) in enumerate(records, start=1)
    ]
    ingestor = Ingestor(ctx)
    batch = ingestor.start_batch("mixed", channel=None, file_format="jsonl")
    ingestor.ingest(batch, rows, channel=None, file_name="mixed")
    assert len({alert(ctx, s).case_id for s in ("C-1", "V-1", "V-2")}) == 1
    assert cases(ctx) == 1 and decisions.review_queue(ctx) == []
    with ctx.session() as session:
        [record] = session.scalars(
            select(LinkDecision).where(LinkDecision.kind == DecisionKind.AUTO_MERGE)
        ).all()
    decisions.undo(ctx, record.id)
    assert alert(ctx, "V-1").case_id != alert(ctx, "C-1").case_id == alert(ctx, "V-2").case_id
    assert cases(ctx) == 2


def test_a_case_waiting_to_be_told_it_is_the_same_household_is_joined_when_an_alert_shows_it(
    ctx: AppContext, tmp_path: Path
) -> None:
    villa = "부산광역시 해운대구 좌동로 10"
    import_records(ctx, tmp_path, [call("C-1", "김민준", "010-1234-5678", 주소=f"{villa} 301호")])
    # A visit to the building, the flat not written, with the home's landline: a common
    # name there may be another tenant's, so staff are asked whether it is the caller.
    import_records(ctx, tmp_path, [visit("V-1", "김민준", villa, 연락처="051-731-0001")])
    called, waiting = alert(ctx, "C-1").case_id, alert(ctx, "V-1").case_id
    assert alert(ctx, "V-1").link_method is LinkMethod.REVIEW and called != waiting
    [item] = decisions.review_queue(ctx)
    assert [c.case_id for c in item.candidates] == [called]
    # The next visit has the landline and the caller's flat: the answer is yes.
    import_records(ctx, tmp_path, [visit("V-2", "김민준", f"{villa} 301호", 연락처="051-731-0001")])
    [joined] = {alert(ctx, s).case_id for s in ("C-1", "V-1", "V-2")}
    assert joined in (called, waiting)
    assert decisions.review_queue(ctx) == [] and cases(ctx) == 1
    with ctx.session() as session:
        suggestion = session.scalars(select(LinkSuggestion)).one()
        assert suggestion.status is SuggestionStatus.SUPERSEDED
        record = session.scalars(
            select(LinkDecision).where(LinkDecision.kind == DecisionKind.AUTO_MERGE)
        ).one()
    decisions.undo(ctx, record.id)
    assert alert(ctx, "V-1").case_id == waiting
    assert alert(ctx, "V-1").link_method is LinkMethod.REVIEW
    [item] = decisions.review_queue(ctx)
    assert item.alert_id == alert(ctx, "V-1").id


def test_a_case_someone_took_up_while_the_import_ran_is_asked_about_not_folded(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    called, visited = _two_then_one(ctx, tmp_path)
    staff = ctx.actor.staff_id if ctx.actor else None
    write_merges = ChunkLinker._write_merges

    def assigned_meanwhile(linker: ChunkLinker) -> None:
        # Another PC assigns the case after the chunk read it, before the fold is written.
        linker.session.execute(update(Case).where(Case.id == visited).values(assigned_to_id=staff))
        write_merges(linker)

    monkeypatch.setattr(ChunkLinker, "_write_merges", assigned_meanwhile)
    import_records(ctx, tmp_path, [visit("V-2", "김민준", ADDRESS, 연락처="010-1234-5678")])
    assert alert(ctx, "V-1").case_id == visited and cases(ctx) == 2
    assert alert(ctx, "V-2").case_id == called
    [item] = decisions.review_queue(ctx)
    [candidate] = item.candidates
    assert item.alert_id == alert(ctx, "V-2").id and candidate.case_id == visited
    assert candidate.reasons[0].startswith(f"사례 {called}번에 자동 연결된 알림")


# -- a household known by its record (기록만) ---------------------------------------------


def test_accepting_a_household_known_by_its_record_folds_the_record_into_the_alert_s_case(
    ctx: AppContext, tmp_path: Path
) -> None:
    house = "부산광역시 사상구 사상로 96"
    import_records(ctx, tmp_path, [quiet_visit("V-1", "김민준", house)])  # asks nothing
    recorded = alert(ctx, "V-1").case_id
    # A common name, the floor said on one side only: asked.
    import_records(ctx, tmp_path, [visit("V-2", "김민준", house, 상세주소="2층")])
    [item] = decisions.review_queue(ctx)
    assert item.candidates[0].case_id == recorded  # the record is what staff are shown
    decision = decisions.accept(ctx, item.candidates[0].suggestion_id)
    own = alert(ctx, "V-2").case_id
    assert alert(ctx, "V-1").case_id == own and cases(ctx) == 1
    decisions.undo(ctx, decision)
    with ctx.session() as session:
        record = session.get(Case, recorded)
        assert record is not None and record.closure_reason is ClosureReason.RECORDED
    assert alert(ctx, "V-1").case_id == recorded and cases(ctx) == 2


def test_an_alert_showing_a_record_and_a_case_one_household_folds_them(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A husband's visit (his mobile, 2층), his wife's quiet call under the landline (kept
    as a record), then his call under the landline: one household, one case."""
    house = "부산광역시 사하구 장림로 301"
    import_records(
        ctx, tmp_path, [visit("V-1", "김경수", house, 상세주소="2층", 연락처="010-3600-0001")]
    )
    import_records(ctx, tmp_path, [quiet_call("C-1", "이영희", "051-360-0002", 주소=house)])
    import_records(ctx, tmp_path, [call("C-2", "김경수", "051-360-0002", 주소=house)])
    assert len({alert(ctx, s).case_id for s in ("V-1", "C-1", "C-2")}) == 1
    with ctx.session() as session:
        assert session.scalars(
            select(LinkDecision).where(LinkDecision.kind == DecisionKind.AUTO_MERGE)
        ).one()
