"""The two advisories of flow 8 on hand-made histories."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coach.history.advisories import advisories, banner, persisting, worsening
from coach.logs.records import Outcome, Screening, SessionRecord
from tests.helpers.records import session

TODAY = date(2026, 11, 21)


def history(ratings_by_day: dict[int, int | None]) -> list[SessionRecord]:
    """Sessions on days counted back from TODAY (0 = today) with their pain-before ratings."""
    records = []
    for ago, pain in ratings_by_day.items():
        day = TODAY - timedelta(days=ago)
        records.append(
            session(
                datetime(day.year, day.month, day.day, 10).astimezone(),
                id=f"{day:%Y%m%d}T100000-1-0",
                path="gentle.toml",
                outcome=Outcome.COMPLETED,
                screening=Screening(pain_before=pain),
            )
        )
    return records


def test_steady_one_out_of_ten_gives_no_advisory():
    assert advisories(history({ago: 1 for ago in range(0, 56, 3)}), TODAY) == []


def test_two_to_seven_in_three_weeks_is_worsening():
    records = history({20: 2, 17: 3, 13: 4, 10: 5, 6: 6, 3: 7, 0: 7})
    found = advisories(records, TODAY)
    assert [a.kind for a in found] == ["worsening"]
    assert "6.7 this week, up from 4.5" in found[0].line
    assert "see a professional" in found[0].title


def test_six_to_five_over_eight_weeks_is_persisting():
    ratings = {ago: (6 if ago > 28 else 5) for ago in range(0, 57, 4)}
    ratings[56] = 6
    found = advisories(history(ratings), TODAY)
    assert [a.kind for a in found] == ["persisting"]
    assert "first week 6.0, last week 5.0" in found[0].line
    assert "few weeks of self-care" in found[0].text


def test_persisting_needs_twenty_one_days():
    assert persisting(history({20: 5, 16: 5, 12: 5, 8: 5, 4: 5, 0: 5}), TODAY) is None
    assert persisting(history({21: 5, 16: 5, 12: 5, 8: 5, 4: 5, 0: 5}), TODAY) is not None


def test_persisting_needs_six_sessions():
    assert persisting(history({28: 5, 20: 5, 12: 5, 4: 5, 0: 5}), TODAY) is None


def test_persisting_needs_pain_of_three_or_more_in_most_sessions():
    assert persisting(history({28: 5, 24: 5, 20: 5, 12: 2, 4: 2, 0: 2}), TODAY) is None
    assert persisting(history({28: 4, 24: 4, 20: 4, 16: 3, 4: 2, 0: 3}), TODAY) is not None


def test_a_fall_of_two_points_from_the_first_week_to_the_last_is_not_persisting():
    assert persisting(history({28: 6, 25: 6, 20: 5, 12: 5, 4: 4, 0: 4}), TODAY) is None
    assert persisting(history({28: 6, 25: 6, 20: 5, 12: 5, 4: 5, 0: 4}), TODAY) is not None


def test_sessions_older_than_eight_weeks_do_not_count():
    assert persisting(history({80: 5, 75: 5, 70: 5, 65: 5, 60: 5, 57: 5}), TODAY) is None


def test_sessions_without_a_pain_rating_do_not_count():
    assert persisting(history({28: 5, 24: 5, 20: 5, 12: 5, 4: 5, 0: None}), TODAY) is None


def test_a_rise_of_less_than_two_points_week_on_week_is_not_worsening():
    assert worsening(history({10: 3, 8: 3, 5: 4, 1: 4}), TODAY) is None
    assert worsening(history({10: 3, 8: 3, 5: 5, 1: 5}), TODAY) is not None


def test_worsening_needs_ratings_in_the_last_week_and_one_of_the_two_before():
    assert worsening(history({5: 9, 1: 9}), TODAY) is None
    assert worsening(history({21: 1, 5: 9}), TODAY) is None
    assert worsening(history({20: 1, 5: 9}), TODAY) is not None


def test_a_steady_climb_from_2_to_7_over_three_weeks_is_worsening():
    climb = history({21 - day: 2 + round(day * 5 / 21) for day in range(22)})
    found = worsening(climb, TODAY)
    assert found is not None and "two weeks before" in found.line


def test_five_sessions_climbing_from_2_to_7_over_three_weeks_is_worsening():
    assert worsening(history({21: 2, 16: 3, 11: 5, 6: 6, 1: 7}), TODAY) is not None


def test_persisting_pain_that_rose_says_it_rose():
    climb = history({21 - day: 2 + round(day * 5 / 21) for day in range(22)})
    [persist] = [a for a in advisories(climb, TODAY) if a.kind == "persisting"]
    assert "has risen" in persist.text and "not eased" not in persist.text


def test_worsening_comes_before_persisting_when_both_apply():
    records = history({35: 4, 30: 4, 25: 4, 20: 4, 12: 3, 9: 3, 4: 6, 0: 6})
    assert [a.kind for a in advisories(records, TODAY)] == ["worsening", "persisting"]


def test_the_banner_names_every_advisory_that_applies():
    one = advisories(history({20: 2, 17: 3, 13: 4, 10: 5, 6: 6, 3: 7, 0: 7}), TODAY)
    assert banner(one, "History (h) has more.") == f"⚠ {one[0].title}: {one[0].line}. History (h) has more."
    ratings = {ago: (3 if ago > 6 else 7) for ago in range(0, 57, 2)}
    both = advisories(history(ratings), TODAY)
    assert [a.kind for a in both] == ["worsening", "persisting"]
    text = banner(both, "See Trends (t).")
    assert all(a.title in text for a in both) and text.endswith("See Trends (t).")
    assert banner([], "See Trends (t).") == ""
