"""Dates of a repeating session, against a printed calendar (December 2026 to March 2027)."""

from datetime import date

from outreach.recurrence import dates


def test_once_is_one_date_whatever_the_end():
    assert dates(date(2026, 12, 8), "once", date(2027, 3, 1)) == [date(2026, 12, 8)]


def test_weekly_and_fortnightly_include_the_last_day():
    weekly = dates(date(2026, 12, 8), "weekly", date(2026, 12, 29))
    assert weekly == [date(2026, 12, d) for d in (8, 15, 22, 29)]
    assert dates(date(2026, 12, 8), "fortnightly", date(2026, 12, 29)) == [
        date(2026, 12, 8),
        date(2026, 12, 22),
    ]


def test_monthly_keeps_the_weekday_of_the_week():
    # 8 December 2026 is the 2nd Tuesday; so are 12 January, 9 February and 9 March 2027.
    assert dates(date(2026, 12, 8), "monthly", date(2027, 3, 31)) == [
        date(2026, 12, 8),
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
    ]


def test_a_fifth_week_day_becomes_the_last_such_day():
    # 29 December 2026 is the 5th Tuesday; January and February 2027 have four.
    assert dates(date(2026, 12, 29), "monthly", date(2027, 2, 28)) == [
        date(2026, 12, 29),
        date(2027, 1, 26),
        date(2027, 2, 23),
    ]
