"""Households, not persons, where look-alikes live (issue 21): each family both ways."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.enums import LinkMethod
from db.models import Person
from desktop.address import parse_address
from desktop.context import AppContext
from tests.helpers.linking import alert, call, import_records, report, visit

HOUSE = "부산광역시 금정구 서동로 336"


def test_a_dagagu_s_flats_on_one_floor_are_two_flats_and_a_bare_floor_is_not_another() -> None:
    left, right = (parse_address(HOUSE, d).unit for d in ("2층 왼쪽", "2층 오른쪽"))
    assert left and right and left != right
    assert parse_address(HOUSE, "옥탑").unit not in (None, parse_address(HOUSE, "3층").unit)
    from desktop.linking.scoring import units_agree

    assert units_agree(left, right) is False  # two flats
    floor = parse_address(HOUSE, "2층").unit
    assert floor is not None and units_agree(floor, left) is None  # which flat: unknown


def test_two_tenants_of_one_name_in_a_dagagu_stay_two_households(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [visit("V-1", "최순덕", HOUSE, 상세주소="2층 오른쪽", 연락처="010-2287-0414")],
    )
    import_records(ctx, tmp_path, [call("C-1", "최순덕", "010-2287-0414", 주소=HOUSE)])
    import_records(
        ctx,
        tmp_path,
        [visit("V-2", "최순덕", HOUSE, 상세주소="2층 왼쪽", 연락처="010-9071-4779")],
    )
    assert alert(ctx, "C-1").case_id == alert(ctx, "V-1").case_id  # the phone: one person
    assert alert(ctx, "V-2").case_id != alert(ctx, "V-1").case_id  # the other flat


def test_a_grandmother_s_landline_on_her_grandchild_s_visit_is_one_household(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [call("C-1", "박남영", "051-724-8922", 주소=HOUSE)])
    import_records(
        ctx, tmp_path, [visit("V-1", "박지훈", HOUSE, 연락처="051 724 8922", 상세주소="4층")]
    )
    grandmother, grandchild = alert(ctx, "C-1"), alert(ctx, "V-1")
    assert grandchild.case_id == grandmother.case_id and grandchild.link_method is LinkMethod.AUTO
    with ctx.session() as session:  # a member joined: two people, not one merged
        names = session.scalars(
            select(Person.name).where(Person.household_id == grandmother.household_id)
        ).all()
    assert sorted(n or "" for n in names) == ["박남영", "박지훈"]
    assert grandchild.person_id != grandmother.person_id


def test_the_same_number_under_another_name_elsewhere_is_never_linked(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A parent's mobile on an adult child's record at the child's flat, or a number the
    call list still has that now belongs to someone else: a person decides."""
    import_records(
        ctx,
        tmp_path,
        [
            call(
                "C-1",
                "한숙미",
                "010-2409-2402",
                주소="부산광역시 해운대구 해운대로 3",
                생년월일="421031",
            )
        ],
    )
    import_records(
        ctx,
        tmp_path,
        [visit("V-1", "한지훈", "부산광역시 부산진구 전포대로 662", 연락처="01024092402")],
    )
    import_records(
        ctx,
        tmp_path,
        [
            call(
                "C-2",
                "최민지",
                "010-2409-2402",
                주소="부산광역시 사하구 다대로 12",
                생년월일="910305",
            )
        ],
    )
    parent = alert(ctx, "C-1")
    for other in ("V-1", "C-2"):
        found = alert(ctx, other)
        assert found.case_id != parent.case_id
        assert found.link_method is not LinkMethod.AUTO


def test_the_same_number_and_name_at_a_new_address_is_the_same_person(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [
            call(
                "C-1",
                "오남현",
                "010-3311-2277",
                주소="부산광역시 사하구 다대로 605",
                생년월일="411130",
            )
        ],
    )
    import_records(
        ctx,
        tmp_path,
        [
            call(
                "C-2",
                "오남현",
                "010-3311-2277",
                주소="부산광역시 동래구 명륜로 18",
                생년월일="411130",
            )
        ],
    )
    assert alert(ctx, "C-2").case_id == alert(ctx, "C-1").case_id


def _suggested(ctx: AppContext, source_id: str) -> list[int | None]:
    from db.models import LinkSuggestion

    with ctx.session() as session:
        return list(
            session.scalars(
                select(LinkSuggestion.case_id)
                .where(LinkSuggestion.alert_id == alert(ctx, source_id).id)
                .order_by(LinkSuggestion.rank)
            )
        )


def test_the_same_name_forty_metres_away_is_neither_linked_nor_asked_about(
    ctx: AppContext, tmp_path: Path
) -> None:
    street = "부산광역시 사하구 감천로"
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-A", "이영호", f"{street} 281", 연락처="010-4100-0001"),
            visit("V-B", "이영호", f"{street} 283", 연락처="010-4100-0002"),
        ],
    )
    import_records(
        ctx,
        tmp_path,
        [report("R-A", 대상자명="이영호", 주소=f"{street} 281", 위도="35.1000", 경도="129.0000")],
    )
    import_records(
        ctx,
        tmp_path,
        [report("R-B", 대상자명="이영호", 주소=f"{street} 283", 위도="35.10036", 경도="129.0000")],
    )
    for own, other in (("R-A", "V-B"), ("R-B", "V-A")):
        assert alert(ctx, own).case_id != alert(ctx, other).case_id
        assert alert(ctx, other).case_id not in _suggested(ctx, own)


def test_a_report_naming_only_a_place_at_a_dagagu_of_several_households_is_no_guess(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "강현자", HOUSE, 연락처="010-9615-9360"),
            visit("V-2", "신순철", HOUSE, 연락처="010-3093-7678"),
            visit("V-3", "황자영", HOUSE, 연락처="010-1735-9639"),
        ],
    )
    import_records(ctx, tmp_path, [report("R-1", 주소=HOUSE)])
    found = alert(ctx, "R-1")
    assert found.case_id not in {alert(ctx, v).case_id for v in ("V-1", "V-2", "V-3")}
    assert _suggested(ctx, "R-1") == []  # a first candidate would be a guess


def test_a_report_at_the_flat_a_member_s_visit_named_is_asked_about(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A call gave the building, the grandchild's visit (the same landline) the 4층: an
    anonymous report at 4층 is that household's, for staff to confirm."""
    import_records(ctx, tmp_path, [call("C-1", "박남영", "051-724-8922", 주소=HOUSE)])
    import_records(
        ctx, tmp_path, [visit("V-1", "박지훈", HOUSE, 연락처="051-724-8922", 상세주소="4층")]
    )
    import_records(ctx, tmp_path, [report("R-1", 주소=HOUSE, 상세주소="4층")])
    assert _suggested(ctx, "R-1")[:1] == [alert(ctx, "C-1").case_id]


def test_the_same_number_and_name_forty_years_apart_is_another_person(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A number the call list still has, now a younger namesake's elsewhere: never linked;
    at the same house it is another member (a father's landline, his son of one name)."""
    import_records(
        ctx,
        tmp_path,
        [
            call(
                "C-1",
                "김영수",
                "010-5100-2200",
                주소="부산광역시 동래구 명륜로 18",
                생년월일="460102",
            )
        ],
    )
    import_records(
        ctx,
        tmp_path,
        [
            call(
                "C-2",
                "김영수",
                "010-5100-2200",
                주소="부산광역시 사하구 다대로 12",
                생년월일="880911",
            )
        ],
    )
    assert alert(ctx, "C-2").case_id != alert(ctx, "C-1").case_id
    assert alert(ctx, "C-2").link_method is not LinkMethod.AUTO


def test_units_are_compared_whole_and_a_known_number_next_door_is_no_member() -> None:
    from desktop.linking.scoring import units_agree

    assert units_agree("-1", "-12") is False and units_agree("F1", "F10") is False
    assert units_agree("101-12", "101-1203") is False


def test_the_same_number_under_another_name_at_another_building_nearby_is_not_linked() -> None:
    """A member joins only at the household's own building: 20 m away is someone else's."""
    from datetime import date

    from desktop.linking.scoring import HouseholdView, Incoming, PersonView, Scorer

    scorer = Scorer(lambda _name: 1e-4, today=date(2026, 11, 20))
    known = HouseholdView(
        1, "b1|", "b1", None, 35.1, 129.0, None, [PersonView(1, "김철수", None, None, None, "p")]
    )
    nearby = Incoming(
        name_key="박영희", phone_index="p", building_key="b2", latitude=35.10018, longitude=129.0
    )
    scored = scorer.score(nearby, known)
    assert not scored.identifying and "같은 집의 다른 가구원" not in " ".join(scored.reasons)
    at_home = Incoming(name_key="박영희", phone_index="p", building_key="b1")
    assert scorer.score(at_home, known).identifying  # the same building: a member


def test_a_unit_written_in_the_address_line_or_not_at_all_is_the_same_flat(
    ctx: AppContext, tmp_path: Path
) -> None:
    """One channel writes 108동 505호 in 상세주소, the AI call ``충렬대로291, 108-505`` in
    the line, a carrier only the complex without its 구 or flat: one household."""
    import_records(
        ctx,
        tmp_path,
        [
            visit(
                "V-1",
                "황보덕남",
                "부산광역시 동래구 충렬대로 291",
                상세주소="108동 505호",
                연락처="010-3382-1907",
            )
        ],
    )
    import_records(
        ctx, tmp_path, [call("C-1", "황보덕남", "01033821907", 주소="동래구 충렬대로291, 108-505")]
    )
    import_records(ctx, tmp_path, [visit("V-2", "황보덕남", "충렬대로 291 현대아파트")])
    first = alert(ctx, "V-1").case_id
    assert alert(ctx, "C-1").case_id == first
    assert alert(ctx, "V-2").case_id == first


def test_a_namesake_at_the_same_road_and_number_without_its_gu_is_not_joined_blindly(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A common name at the complex, flat unknown: hundreds of flats share the address,
    so a 김영수 there is not the known 김영수 of 101동 1203호 without more."""
    import_records(
        ctx,
        tmp_path,
        [
            visit(
                "V-1",
                "김영수",
                "부산광역시 동래구 충렬대로 291",
                상세주소="101동 1203호",
                연락처="010-4021-7781",
            )
        ],
    )
    import_records(ctx, tmp_path, [visit("V-2", "김영수", "충렬대로 291 현대아파트")])
    assert alert(ctx, "V-2").case_id != alert(ctx, "V-1").case_id


def test_two_namesakes_in_two_dong_of_one_complex_stay_apart_and_are_not_bridged(
    ctx: AppContext, tmp_path: Path
) -> None:
    complex_ = "부산광역시 해운대구 좌동순환로 77"
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "이순자", complex_, 상세주소="101동 301호", 연락처="010-7711-0001"),
            visit("V-2", "이순자", complex_, 상세주소="105동 1102호", 연락처="010-7711-0002"),
        ],
    )
    import_records(
        ctx, tmp_path, [call("C-1", "이순자", "010-7711-0002", 주소=f"{complex_} 105-1102")]
    )
    one, other = alert(ctx, "V-1"), alert(ctx, "V-2")
    assert one.case_id != other.case_id
    assert alert(ctx, "C-1").case_id == other.case_id
    assert one.case_id not in _suggested(ctx, "C-1")  # another flat, another mobile


def test_a_landline_and_a_mobile_are_neither_for_nor_against_two_mobiles_are_against() -> None:
    from datetime import date

    from desktop.linking.scoring import (
        LANDLINE,
        MOBILE,
        HouseholdView,
        Incoming,
        PersonView,
        Scorer,
        phone_kind,
    )

    assert phone_kind("0519865298") == LANDLINE and phone_kind("07012345678") == LANDLINE
    assert phone_kind("01098765432") == MOBILE
    assert phone_kind("05012345678") is None and phone_kind("112") is None
    scorer = Scorer(lambda _name: 1e-4, today=date(2026, 11, 20))

    def household(kind: str) -> HouseholdView:
        person = PersonView(1, "최순덕", None, None, None, "p-known", kind)
        return HouseholdView(1, "b|", "b", None, None, None, None, [person])

    landline = Incoming(
        name_key="최순덕", phone_index="p-new", phone_kind=LANDLINE, building_key="b"
    )
    mixed = scorer.score(landline, household(MOBILE))
    assert "전화번호 종류 다름 (집전화·휴대전화)" in mixed.reasons and not mixed.conflict
    mobile = Incoming(name_key="최순덕", phone_index="p-new", phone_kind=MOBILE, building_key="b")
    both = scorer.score(mobile, household(MOBILE))
    assert both.conflict and both.score < mixed.score


def test_a_name_common_in_korea_weighs_little_even_in_a_database_that_has_few() -> None:
    from desktop.linking.names import name_prior

    assert name_prior("김영수") > 1e-4  # the commonest surname and a given name of its era
    assert name_prior("김영수") > name_prior("황보덕남")


def test_a_report_naming_only_a_place_at_a_house_of_two_known_households_is_no_guess(
    ctx: AppContext, tmp_path: Path
) -> None:
    """Two households at one 다가구, neither flat said by the report: a case of its own."""
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "강현자", HOUSE, 상세주소="1층", 연락처="010-9615-9360"),
            visit("V-2", "신순철", HOUSE, 연락처="010-3093-7678"),
        ],
    )
    import_records(ctx, tmp_path, [report("R-1", 주소=HOUSE)])
    assert alert(ctx, "R-1").case_id not in {alert(ctx, v).case_id for v in ("V-1", "V-2")}


# -- the families of the look-alike bench, each both ways ------------------------------

DAGAGU = "부산광역시 사하구 장림로 269"


def test_a_common_name_on_a_bare_floor_of_a_dagagu_is_not_the_known_namesake(
    ctx: AppContext, tmp_path: Path
) -> None:
    """Two tenants named 김말자 on one floor written 2층: a visit without a phone is not
    joined to the one already known; an uncommon name there is the person."""
    import_records(
        ctx, tmp_path, [visit("V-1", "김말자", DAGAGU, 상세주소="2층", 연락처="010-3100-0001")]
    )
    import_records(ctx, tmp_path, [visit("V-2", "김말자", DAGAGU, 상세주소="2층")])
    assert alert(ctx, "V-2").case_id != alert(ctx, "V-1").case_id
    assert alert(ctx, "V-2").link_method is not LinkMethod.AUTO
    import_records(
        ctx, tmp_path, [visit("V-3", "황보덕남", DAGAGU, 상세주소="3층", 연락처="010-3100-0003")]
    )
    import_records(ctx, tmp_path, [visit("V-4", "황보덕남", DAGAGU, 상세주소="3층")])
    assert alert(ctx, "V-4").case_id == alert(ctx, "V-3").case_id


def test_a_bare_floor_is_the_floor_and_a_flat_written_on_it_the_flat() -> None:
    from desktop.linking.scoring import names_a_flat

    assert names_a_flat(parse_address(HOUSE, "2층 왼쪽").unit or "")
    assert names_a_flat(parse_address(HOUSE, "옥탑").unit or "")
    assert names_a_flat(parse_address(HOUSE, "101동 1203호").unit or "")
    assert not names_a_flat(parse_address(HOUSE, "2층").unit or "")
    assert not names_a_flat(parse_address(HOUSE, "지하 1층").unit or "")


COMPLEX = "부산광역시 금정구 금샘로 750"


def test_a_unit_less_report_of_a_common_name_at_a_complex_joins_no_namesake(
    ctx: AppContext, tmp_path: Path
) -> None:
    """The complex is known by a 동-호 flat; a report names 이순자 there without the flat
    and its call had no address: neither linked nor offered to staff as 이순자 of 114동.
    A rare name there is the person."""
    import_records(
        ctx,
        tmp_path,
        [visit("V-1", "이순자", COMPLEX, 상세주소="114동 403호", 연락처="010-3200-0001")],
    )
    import_records(
        ctx, tmp_path, [call("C-1", "이순자", "010-3200-0002", 주소="금정구 금샘로 750")]
    )
    other = alert(ctx, "C-1")
    assert other.case_id != alert(ctx, "V-1").case_id and other.link_method is not LinkMethod.AUTO
    assert alert(ctx, "V-1").case_id not in _suggested(ctx, "C-1")
    import_records(
        ctx,
        tmp_path,
        [visit("V-2", "황보덕남", COMPLEX, 상세주소="108동 1101호", 연락처="010-3200-0003")],
    )
    import_records(ctx, tmp_path, [visit("V-3", "황보덕남", f"{COMPLEX} 삼익아파트")])
    assert alert(ctx, "V-3").case_id == alert(ctx, "V-2").case_id


def test_an_address_naming_its_apartment_is_a_complex_even_without_a_flat() -> None:
    assert parse_address("금샘로 750 삼익아파트").apartment
    assert not parse_address("부산광역시 금정구 금샘로 750").apartment


def test_a_report_of_a_floor_two_known_households_share_is_no_guess(
    ctx: AppContext, tmp_path: Path
) -> None:
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "강현자", DAGAGU, 상세주소="2층", 연락처="010-3300-0001"),
            visit("V-2", "신순철", DAGAGU, 상세주소="2층", 연락처="010-3300-0002"),
        ],
    )
    import_records(ctx, tmp_path, [report("R-1", 주소=DAGAGU, 상세주소="2층")])
    assert _suggested(ctx, "R-1") == []
    assert alert(ctx, "R-1").case_id not in {alert(ctx, v).case_id for v in ("V-1", "V-2")}


def test_a_report_naming_only_a_house_is_no_guess_even_where_one_household_is_known(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A road address without a flat may be a house or a 다가구 nobody has told apart: a
    report naming only the address opens a case of its own; at the very flat it is asked."""
    import_records(ctx, tmp_path, [visit("V-1", "강현자", DAGAGU, 연락처="010-3400-0001")])
    import_records(ctx, tmp_path, [report("R-1", 주소=DAGAGU)])
    assert alert(ctx, "R-1").link_method is LinkMethod.NEW_CASE and _suggested(ctx, "R-1") == []
    import_records(
        ctx, tmp_path, [visit("V-2", "신순철", DAGAGU, 상세주소="옥탑", 연락처="010-3400-0002")]
    )
    import_records(ctx, tmp_path, [report("R-2", 주소=DAGAGU, 상세주소="옥탑")])
    assert _suggested(ctx, "R-2") == [alert(ctx, "V-2").case_id]


def test_the_same_name_and_birth_date_with_another_mobile_goes_to_staff(
    ctx: AppContext, tmp_path: Path
) -> None:
    """Namesakes born on one 1 January exist (many elders were registered on it): with
    two mobiles a person decides. With a landline beside the mobile (a person has both),
    nothing is against, and it links."""
    import_records(ctx, tmp_path, [call("C-1", "홍영수", "010-3500-0001", 생년월일="1950-01-01")])
    import_records(ctx, tmp_path, [call("C-2", "홍영수", "010-3500-0002", 생년월일="1950-01-01")])
    other = alert(ctx, "C-2")
    assert other.case_id != alert(ctx, "C-1").case_id
    assert other.link_method is LinkMethod.REVIEW
    import_records(ctx, tmp_path, [call("C-3", "홍영수", "051-350-0003", 생년월일="1960-05-05")])
    import_records(ctx, tmp_path, [call("C-4", "홍영수", "010-3500-0004", 생년월일="1960-05-05")])
    assert alert(ctx, "C-4").case_id == alert(ctx, "C-3").case_id


def test_a_place_only_candidate_never_comes_before_one_that_fits_the_person() -> None:
    from datetime import date

    from desktop.linking.scoring import HouseholdView, Incoming, PersonView, Scorer, decide

    scorer = Scorer(lambda _name: 1e-4, today=date(2026, 11, 20))
    flat = HouseholdView(1, "b|101-1203", "b", "101-1203", 35.1, 129.0, None)  # a report
    named = HouseholdView(
        2, "b|", "b", None, None, None, None, [PersonView(1, "박영수", None, None, None, None)]
    )
    incoming = Incoming(
        name_key="박영수",
        building_key="b",
        address_key="b|101-1203",
        unit_key="101-1203",
        latitude=35.1,
        longitude=129.0,
        in_complex=True,
    )
    scored = [scorer.score(incoming, h) for h in (flat, named)]
    assert scored[0].score > scored[1].score  # the flat and the pin weigh more…
    assert decide(incoming, scored).ranked[0].household.id == 2  # …the person comes first


def test_a_landline_beside_a_mobile_sets_no_two_records_of_one_person_apart() -> None:
    from desktop.linking.scoring import LANDLINE, MOBILE, HouseholdView, PersonView, same_household

    def household(phone: str, kind: str) -> HouseholdView:
        person = PersonView(1, "박영수", None, None, None, phone, kind)
        return HouseholdView(1, "b|", "b", None, None, None, None, [person])

    assert same_household(household("p1", LANDLINE), household("p2", MOBILE))
    assert not same_household(household("p1", MOBILE), household("p2", MOBILE))


def test_a_common_name_at_a_house_a_carrier_saw_with_one_household_is_that_household(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A carrier visited 이영호 at a road address without a flat (carriers write the flat
    where there is one): a neighbour's report naming 이영호 there, nobody else known at the
    address, is that household, whichever came first. Its namesake 40 m away is not."""
    street = "부산광역시 사하구 감천로"
    import_records(ctx, tmp_path, [visit("V-A", "이영호", f"{street} 281", 연락처="010-4100-0001")])
    import_records(ctx, tmp_path, [visit("V-B", "이영호", f"{street} 283", 연락처="010-4100-0002")])
    import_records(
        ctx,
        tmp_path,
        [report("R-A", 대상자명="이영호", 주소=f"{street} 281", 위도="35.1000", 경도="129.0000")],
    )
    found = alert(ctx, "R-A")
    assert found.case_id == alert(ctx, "V-A").case_id and found.link_method is LinkMethod.AUTO
    assert "이 주소에 알려진 다른 가구 없음" in (found.link_reasons or [])
    # The report first, the carrier's visit after it.
    import_records(
        ctx,
        tmp_path,
        [report("R-C", 대상자명="박영희", 주소=f"{street} 301", 위도="35.1010", 경도="129.0000")],
    )
    import_records(ctx, tmp_path, [visit("V-C", "박영희", f"{street} 301", 연락처="010-4100-0003")])
    assert alert(ctx, "V-C").case_id == alert(ctx, "R-C").case_id
    assert alert(ctx, "V-B").case_id not in {alert(ctx, "R-A").case_id, alert(ctx, "R-C").case_id}


def test_a_common_name_at_a_house_is_not_joined_without_a_carrier_or_beside_another_household(
    ctx: AppContext, tmp_path: Path
) -> None:
    """No carrier has seen the address (a call and a report without the flat: it may be a
    complex nobody has written a 동-호 of yet), or another household is known there (a
    다가구's tenants): the same common name is not enough, and the alert is not linked."""
    import_records(ctx, tmp_path, [call("C-1", "김정숙", "010-4200-0001", 주소=DAGAGU)])
    import_records(ctx, tmp_path, [report("R-1", 대상자명="김정숙", 주소=DAGAGU)])
    assert alert(ctx, "R-1").link_method is not LinkMethod.AUTO
    assert alert(ctx, "R-1").case_id != alert(ctx, "C-1").case_id
    assert _suggested(ctx, "R-1") == []  # not even asked: as at a complex, a coin toss
    house = "부산광역시 동래구 온천장로 886"
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "김말자", house, 연락처="010-4200-0002"),
            visit("V-2", "신순철", house, 연락처="010-4200-0003"),
        ],
    )
    import_records(ctx, tmp_path, [visit("V-3", "김말자", house)])  # no phone, no flat
    assert alert(ctx, "V-3").link_method is not LinkMethod.AUTO
    assert alert(ctx, "V-3").case_id != alert(ctx, "V-1").case_id


def test_a_common_name_at_a_dagagu_of_several_households_is_no_first_candidate(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A 다가구 whose tenants are known, one of them 김말자: a visit naming 김말자 there
    without a phone or a flat may be her or a second 김말자 (the issue's worst wrong
    merges): a first candidate would be a coin toss, so it opens a case of its own. A rare
    name there is the person; with her phone it is her."""
    house = "부산광역시 동래구 온천장로 886"
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "김말자", house, 상세주소="2층", 연락처="010-4300-0001"),
            visit("V-2", "신순철", house, 상세주소="옥탑", 연락처="010-4300-0002"),
        ],
    )
    import_records(ctx, tmp_path, [visit("V-3", "김말자", house)])
    assert alert(ctx, "V-3").link_method is LinkMethod.NEW_CASE
    assert _suggested(ctx, "V-3") == []
    import_records(ctx, tmp_path, [call("C-4", "김말자", "010-4300-0001", 주소=house)])
    assert alert(ctx, "C-4").case_id == alert(ctx, "V-1").case_id
    import_records(
        ctx, tmp_path, [visit("V-5", "황보덕남", house, 상세주소="1층", 연락처="010-4300-0005")]
    )
    import_records(ctx, tmp_path, [visit("V-6", "황보덕남", house)])
    assert alert(ctx, "V-6").case_id == alert(ctx, "V-5").case_id


def test_a_carrier_seen_elsewhere_does_not_make_a_house_of_the_household_s_address(
    ctx: AppContext, tmp_path: Path
) -> None:
    """A call gave 김정숙's address without a flat; a carrier later visited her (the same
    mobile) at another address. No carrier has seen the first address: a report naming
    김정숙 there may be of a complex nobody has written a 동-호 of, and is not linked. The
    carrier's own address is the house it saw."""
    first, second = "부산광역시 수영구 망미로 104", "부산광역시 수영구 망미로 220"
    import_records(ctx, tmp_path, [call("C-1", "김정숙", "010-4400-0001", 주소=first)])
    import_records(ctx, tmp_path, [visit("V-1", "김정숙", second, 연락처="010-4400-0001")])
    assert alert(ctx, "V-1").case_id == alert(ctx, "C-1").case_id  # the phone: her
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="김정숙", 주소=first, 위도="35.1700", 경도="129.1100")],
    )
    found = alert(ctx, "R-1")
    assert found.link_method is not LinkMethod.AUTO, found.link_reasons
