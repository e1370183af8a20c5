"""The tallies the figures are read from: exactly the counts of the answers themselves, each
response counted once, also when several workers count at the same moment."""

import threading
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import Channel, SurveyResponse, SurveyTally
from outreach.services import survey, synthetic, tallies
from outreach.services.survey_counts import ResponseFilter, share
from tests.support.areas import load_tiny

SKILLS = [
    "turn_on_login",
    "use_controls",
    "accessibility",
    "wifi",
    "browse",
    "passwords_safe",
    "change_password",
    "spot_scam",
]


def expected_tallies() -> Counter:
    """The tallies computed the slow way, one response at a time, from the answers: each
    measure judged in Python by the declarations of the version the response was given in."""
    versions = {(i.id, i.version): i for i in survey.instruments()}
    choices = {
        q.id for i in versions.values() for q in i.questions if q.type in tallies.OPTION_TYPES
    }
    answers: dict[int, dict[str, set]] = {}
    for response_id, pairs in db.session.execute(select(SurveyResponse.id, SurveyResponse.answers)):
        for question, value in pairs:
            answers.setdefault(response_id, {}).setdefault(question, set()).add(value)
    found: Counter = Counter()
    for r in db.session.scalars(select(SurveyResponse)):
        cell = (f"{r.submitted_on:%Y-%m}", r.area_code or "", r.age_band or "", r.channel)
        mine = answers.get(r.id, {})
        found[("", "", *cell)] += 1
        for question, values in mine.items():
            if question in choices:
                found.update((question, v, *cell) for v in values)
        version = versions.get((r.instrument_id, r.instrument_version))
        for measure in version.measures if version else ():
            in_base, positive = measure.judge(mine)
            found[("@base", measure.id, *cell)] += in_base
            found[("@positive", measure.id, *cell)] += positive
    found = +found  # a measure nobody is in has no row
    overall: Counter = Counter()
    for (question, value, _month, area, age, _channel), n in found.items():
        overall[(question, value, tallies.ALL, area, age, tallies.ALL)] += n
    return found + overall


def stored_tallies() -> Counter:
    return Counter(
        {
            (t.question, t.value, t.month, t.area_code, t.age_band, t.channel): t.n
            for t in db.session.scalars(select(SurveyTally))
        }
    )


def submit_one(answers: dict, channel=Channel.PHONE, key: str = "k") -> int:
    # Keyed-in channels store what was given; a web response must be complete (Incomplete).
    return survey.submit(answers, channel, "en", key)


def test_tallies_equal_the_answers_counted_one_by_one(app):
    load_tiny()
    synthetic.generate(300, seed=11)
    submit_one(
        {"neighbourhood": ["T001"], "age_band": ["75_plus"], "devices": ["computer"]}, key="a"
    )
    submit_one({"devices": ["smartphone"], "skills": SKILLS}, Channel.PAPER, key="b")
    submit_one({"internet_use": ["prefer_not"]}, Channel.PHONE, key="c")
    assert tallies.refresh(survey.instruments()) == 303
    assert stored_tallies() == expected_tallies()
    assert tallies.refresh(survey.instruments()) == 0  # nothing new: nothing counted twice


def test_new_responses_are_added_to_what_was_counted(app):
    load_tiny()
    synthetic.generate(120, seed=3)
    tallies.refresh(survey.instruments())
    synthetic.generate(80, seed=4)
    assert tallies.pending()
    assert tallies.refresh(survey.instruments()) == 80
    assert not tallies.pending()
    assert stored_tallies() == expected_tallies()
    tallies.rebuild(survey.instruments())
    assert stored_tallies() == expected_tallies()


def test_workers_counting_at_once_count_each_response_once(app):
    load_tiny()
    synthetic.generate(600, seed=5)
    db.session.remove()
    counted, errors = [], []

    def worker() -> None:
        with app.app_context():
            try:
                counted.append(tallies.refresh(survey.instruments()))
            except Exception as exc:  # reported below
                errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(counted) == 600
    total = db.session.scalar(
        select(func.sum(SurveyTally.n)).where(
            SurveyTally.question == "", SurveyTally.month == tallies.ALL
        )
    )
    assert total == 600
    assert stored_tallies() == expected_tallies()


def test_skills_indicator_counts_only_people_who_named_their_devices(app):
    load_tiny()
    submit_one({"devices": ["smartphone"], "skills": SKILLS, "age_band": ["18_39"]}, key="1")
    submit_one({"devices": ["computer"], "skills": SKILLS[:3], "age_band": ["18_39"]}, key="2")
    submit_one({"skills": SKILLS, "age_band": ["18_39"]}, key="3")  # no devices: not in the base
    tallies.refresh(survey.instruments())
    [cell] = share("low_skills", survey.instrument().strata, ResponseFilter())
    assert (cell.stratum, cell.base, cell.positives) == ("15_64", 2, 1)


def test_periods_count_whole_months(app):
    load_tiny()
    submit_one({"age_band": ["18_39"]}, key="x")
    tallies.refresh(survey.instruments())
    today = date.today()
    from outreach.services.survey_counts import counts_by

    this_month = ResponseFilter(start=today.replace(day=1), end=today.replace(day=1))
    assert counts_by("month", this_month) == [(f"{today:%Y-%m}", 1)]


def test_the_refresh_command_counts_and_rebuilds(app):
    load_tiny()
    synthetic.generate(50, seed=9)
    runner = app.test_cli_runner()
    assert "Counted 50 responses." in runner.invoke(args=["insights", "refresh"]).output
    assert "Counted 0 responses." in runner.invoke(args=["insights", "refresh"]).output
    rebuilt = runner.invoke(args=["insights", "refresh", "--rebuild"]).output
    assert "Counted 50 responses." in rebuilt
    assert stored_tallies() == expected_tallies()


def test_every_month_and_channel_together_equals_their_sum(app):
    from outreach.services.survey_counts import answer_counts, counts_by

    load_tiny()
    synthetic.generate(250, seed=21)
    for channel in (Channel.PAPER, Channel.PHONE):
        submit_one({"age_band": ["65_74"], "wants_help": ["yes"]}, channel, key=channel.value)
    tallies.refresh(survey.instruments())
    everything = ResponseFilter()
    by_channel = [ResponseFilter(channel=c.value) for c in Channel]
    whole_year = ResponseFilter(start=date(2000, 1, 1), end=date(2100, 12, 31))
    assert sum(n for _, n in counts_by("channel", everything)) == 252
    for dimension in ("area_code", "age_band"):
        overall = dict(counts_by(dimension, everything))
        assert overall == dict(counts_by(dimension, whole_year))
        summed: Counter = Counter()
        for filters in by_channel:
            summed.update(dict(counts_by(dimension, filters)))
        assert dict(summed) == overall
    assert sorted(answer_counts("wants_help", everything)) == sorted(
        answer_counts("wants_help", whole_year)
    )
