"""Synthetic survey responses for the demo and the benchmarks, calibrated to national figures.

Internet use and smartphone use fall with age as in MIC 通信利用動向調査 2023 (above 90 % under 70,
about 60 % in the 70s) and the Cabinet Office 2020 survey (smartphone 73 % at 60–69, 41 % at 70+).
Never shown as real: pages label the demo as synthetic.
"""

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from outreach.extensions import db
from outreach.models import Area, AreaStatistic, Measure, SurveyResponse
from outreach.services import tallies

#: age band -> (share in the adult population's answers, P(internet), P(smartphone))
AGE_PROFILE = {
    "18_39": (0.9, 0.99, 0.98),
    "40_64": (1.0, 0.96, 0.93),
    "65_74": (1.0, 0.80, 0.73),
    "75_plus": (1.0, 0.55, 0.41),
}
CHANNELS = (("web", 0.55), ("paper", 0.25), ("assisted", 0.15), ("phone", 0.05))
SKILLS = (
    "turn_on_login",
    "use_controls",
    "accessibility",
    "wifi",
    "browse",
    "passwords_safe",
    "change_password",
    "spot_scam",
)
BARRIERS = (
    "cost_device",
    "cost_monthly",
    "not_needed",
    "dont_know_how",
    "family_does_it",
    "worried_fraud",
    "disability",
    "language",
    "no_one_to_ask",
)
TOPICS = (
    "smartphone_basics",
    "calls_messaging",
    "my_number_card",
    "mynaportal",
    "city_online",
    "e_tax",
    "scams_safety",
    "video_calls",
)
LANGUAGES = ("ja", "ja", "ja", "ja", "ja_easy", "en", "zh", "ko", "vi", "ne", "pt")


def _area_weights() -> list[tuple[str, dict[str, int]]]:
    rows = db.session.execute(
        select(Area.code, AreaStatistic.measure, AreaStatistic.value).join(AreaStatistic)
    ).all()
    areas: dict[str, dict[str, int]] = {}
    for code, measure, value in rows:
        areas.setdefault(code, {})[measure] = value
    return list(areas.items())


def _age(rng: random.Random, pop: dict[str, int]) -> str:
    young = pop.get(Measure.POP_15_64, 1)
    weights = [
        young * 0.45,
        young * 0.55,
        pop.get(Measure.POP_65_74, 1) * 1.3,
        pop.get(Measure.POP_75_PLUS, 1) * 1.1,
    ]
    return rng.choices(list(AGE_PROFILE), weights)[0]


def _answers(rng: random.Random, age: str, area: str) -> dict[str, list[str]]:
    _, p_internet, p_phone = AGE_PROFILE[age]
    online = rng.random() < p_internet
    devices = [
        d
        for d, p in (
            ("smartphone", p_phone),
            ("computer", 0.5 if online else 0.05),
            ("tablet", 0.2),
        )
        if rng.random() < p
    ] or (["feature_phone"] if rng.random() < 0.5 else ["none"])
    answers = {
        "internet_use": [
            rng.choice(["daily", "daily", "weekly", "monthly"])
            if online
            else rng.choice(["never", "not_last_year"])
        ],
        "devices": devices,
        "neighbourhood": [area],
        "age_band": [age],
        "wants_help": ["yes" if rng.random() < (0.25 if online else 0.6) else "no"],
        "online_city_ability": [
            str(rng.choice([4, 5, 3, 2]) if online else rng.choice([1, 2, 2, 3]))
        ],
        "barriers": rng.sample(BARRIERS, rng.randint(0, 2)) or ["nothing"],
    }
    if devices != ["none"]:
        answers["skills"] = (
            list(SKILLS) if online and rng.random() < 0.6 else rng.sample(SKILLS, rng.randint(0, 6))
        )
    if answers["wants_help"] == ["yes"]:
        answers["help_topics"] = rng.sample(TOPICS, 2)
        answers["help_language"] = [rng.choice(LANGUAGES)]
    return {k: v for k, v in answers.items() if v}


def _response_row(rng: random.Random, area: str, age: str, key: str, days: int) -> dict:
    return {
        "instrument_id": "digital-access",
        "instrument_version": 1,
        "channel": rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0],
        "locale": "ja",
        "area_code": area,
        "age_band": age,
        "submission_key": key,
        "submitted_on": date.today() - timedelta(days=rng.randrange(days)),
        "entered_by_id": None,
        "paper_sheet": None,
    }


def generate(
    count: int, seed: int = 27210, days: int = 180, batch: int = 5000, commit: bool = True
) -> int:
    """Insert `count` synthetic responses (Core executemany in batches); returns how many.

    With `commit`, each batch is committed (a million rows for the benchmarks); without, the
    caller's transaction holds them all (the demo loads in one transaction)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data
    areas = _area_weights()
    codes, weights = [a for a, _ in areas], [sum(p.values()) or 1 for _, p in areas]
    # Keys are unique per run: the seed and a serial that continues after earlier runs.
    serial = db.session.scalar(select(func.count(SurveyResponse.id))) or 0
    made = 0
    while made < count:
        size = min(batch, count - made)
        responses = []
        for _ in range(size):
            serial += 1
            area = rng.choices(codes, weights)[0]
            age = _age(rng, dict(areas[codes.index(area)][1]))
            chosen = _answers(rng, age, area)
            row = _response_row(rng, area, age, f"synthetic-{seed}-{serial}", days)
            row["answers"] = [[q, v] for q, vs in chosen.items() for v in vs]
            responses.append(row)
        stored = db.session.execute(insert(SurveyResponse).returning(SurveyResponse.id), responses)
        tallies.mark_new(stored.scalars().all())
        if commit:
            db.session.commit()
        made += size
    return made
