"""The two advisories of flow 8, in calendar time, on hand-made and random histories."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.function.model import FunctionLog
from coach.history.advisories import advisories, banner, not_improving, worsening
from coach.logs.records import Outcome, Screening, SessionRecord
from tests.helpers.records import session

TODAY = date(2026, 11, 21)
ZONE = timezone(timedelta(hours=1))


def history(ratings_by_day: dict[int, int | None]) -> list[SessionRecord]:
    """Sessions on days counted back from TODAY (0 = today) with their pain-before ratings."""
    records = []
    for ago, pain in ratings_by_day.items():
        day = TODAY - timedelta(days=ago)
        records.append(
            session(
                datetime(day.year, day.month, day.day, 10, tzinfo=ZONE),
                id=f"{day:%Y%m%d}T100000-1-0",
                path="gentle.toml",
                outcome=Outcome.COMPLETED,
                screening=Screening(pain_before=pain),
            )
        )
    return records


def every_other_day(first_ago: int, pain: int, last_pain: int | None = None) -> dict[int, int | None]:
    """A session every other day from ``first_ago`` days ago to today: ``pain``, then ``last_pain`` in the last week."""
    last = pain if last_pain is None else last_pain
    return {ago: (last if ago < 7 else pain) for ago in range(first_ago, -1, -1) if ago % 2 == 0 or ago < 7}


def rated(*scores_by_days_ago: tuple[int, int]) -> FunctionLog:
    """A function log with one activity rated ``score`` so many days ago."""
    log = FunctionLog()
    log.add("putting on socks", datetime(2026, 9, 1, tzinfo=ZONE))
    for ago, score in scores_by_days_ago:
        day = TODAY - timedelta(days=ago)
        log.rate("a1", score, datetime(day.year, day.month, day.day, 12, tzinfo=ZONE))
    return log


# not improving


def test_a_flat_history_at_six_weeks_is_not_improving():
    found = advisories(history(every_other_day(42, 5)), TODAY)
    assert [a.kind for a in found] == ["not-improving"]
    assert "pain before 5.0 in the first week, 5.0 in the last" in found[0].line
    assert "six weeks of self-care" in found[0].text and "physiotherapist or doctor" in found[0].text


def test_someone_who_exercised_five_times_in_seven_weeks_is_still_told_when_pain_does_not_fall():
    ratings = {49: 6, 47: 6, 45: 6, 6: 6, 4: 6, 2: 6}
    assert [a.kind for a in advisories(history(ratings), TODAY)] == ["not-improving"]


def test_before_six_weeks_nothing_is_said():
    assert not_improving(history(every_other_day(41, 5)), TODAY, FunctionLog()) is None


def test_over_twelve_weeks_unassessed_is_told_at_once():
    found = not_improving([], TODAY, FunctionLog(), long_unassessed=True)
    assert found is not None and "over 12 weeks" in found.line


def test_a_fall_of_two_points_or_thirty_percent_is_improvement():
    assert not_improving(history(every_other_day(42, 6, 4)), TODAY, FunctionLog()) is None
    assert not_improving(history(every_other_day(42, 3, 2)), TODAY, FunctionLog()) is None, "3 to 2 is 33 %"
    assert not_improving(history(every_other_day(42, 6, 5)), TODAY, FunctionLog()) is not None


def test_function_up_by_two_is_improvement_even_when_pain_is_flat():
    records = history(every_other_day(42, 5))
    assert not_improving(records, TODAY, rated((42, 3), (0, 5))) is None
    assert not_improving(records, TODAY, rated((42, 3), (0, 4))) is not None


def test_a_week_needs_three_rated_days():
    ratings = {42: 5, 40: 5, 30: 5, 20: 5, 10: 5, 4: 5, 2: 5, 0: 5}
    assert not_improving(history(ratings), TODAY, FunctionLog()) is None


def test_it_applies_only_from_pain_three_or_function_seven_or_less():
    mild = history(every_other_day(42, 2))
    assert not_improving(mild, TODAY, FunctionLog()) is None
    assert not_improving(mild, TODAY, rated((42, 6), (0, 6))) is not None
    assert not_improving(mild, TODAY, rated((42, 8), (0, 8))) is None


# worsening


def test_two_to_seven_in_three_weeks_is_worsening():
    found = advisories(history({20: 2, 17: 3, 13: 4, 10: 5, 6: 6, 3: 7, 0: 7}), TODAY)
    assert [a.kind for a in found] == ["worsening"]
    assert "6.7 this week, up from 4.5" in found[0].line
    assert "see a professional" in found[0].title


def test_function_down_by_two_is_worsening():
    found = worsening([], TODAY, rated((14, 6), (7, 4)))
    assert found is not None and "fell from 6.0" in found.line and "to 4.0" in found.line
    assert worsening([], TODAY, rated((14, 6), (7, 5))) is None


def test_steady_one_out_of_ten_gives_no_advisory():
    assert advisories(history({ago: 1 for ago in range(0, 56, 3)}), TODAY) == []


def test_the_banner_names_every_advisory():
    found = advisories(history({20: 2, 17: 3, 13: 4, 10: 5, 6: 6, 3: 7, 0: 7}), TODAY, long_unassessed=True)
    assert [a.kind for a in found] == ["worsening", "not-improving"]
    assert banner(found, "More in history.").startswith("⚠ Pain is getting worse: see a professional; ")
    assert banner([], "x") == ""


# random histories


histories = st.dictionaries(st.integers(0, 120), st.one_of(st.none(), st.integers(0, 10)), max_size=60)


@settings(max_examples=200, deadline=None)
@given(histories)
def test_not_improving_never_fires_before_six_weeks_of_sessions(ratings):
    records = history(ratings)
    days = [record.day for record in records if record.pain_before is not None]
    found = not_improving(records, TODAY, FunctionLog())
    if not days or (TODAY - min(days)).days < 42:
        assert found is None


@settings(max_examples=100, deadline=None)
@given(st.integers(42, 120), st.integers(3, 10))
def test_a_flat_history_always_fires_from_six_weeks(first_ago, pain):
    assert not_improving(history(every_other_day(first_ago, pain)), TODAY, FunctionLog()) is not None
