"""What the dashboard and the public page show, in the reader's language: charts with tables."""

from typing import Any

from flask import current_app
from flask_babel import format_decimal, format_percent
from flask_babel import lazy_gettext as _l

from outreach.charts import Chart, Outlines, bars, choropleth, lines, outlines
from outreach.i18n import said, unruby
from outreach.insights import summaries
from outreach.insights.months import chart_locale, in_progress, month_label, month_name, over_time
from outreach.insights.params import Choices
from outreach.labels import CHANNEL_LABELS, age_labels, area_name, option_labels
from outreach.services import insights, plan_answers, rankings
from outreach.services import survey as surveys
from outreach.services.insights_cache import cached
from outreach.services.picture import AreaFigures, Picture


def _area_text(area: AreaFigures) -> str:
    """A neighbourhood's name where HTML cannot go (chart labels, hover text, summaries)."""
    return unruby(area_name(area))


def indicator_names() -> dict[str, Any]:
    config = current_app.extensions["outreach_risk"]
    return {i.id: _l(i.name) for i in config.indicators} | {"score": _l("Risk score")}


def boundaries() -> dict:
    """The boundaries, cached until the neighbourhoods change (in any worker)."""
    from outreach.services import areas

    return cached("geojson", (), areas.feature_collection)


def _outlines() -> Outlines:
    """The boundaries projected and simplified for drawing, cached like the boundaries."""
    return cached("map-outlines", (), lambda: outlines(boundaries()))


def layer_value(area: AreaFigures, layer: str) -> float | None:
    if layer == "score":
        return area.score.score if area.score else None
    value = area.indicators.get(layer)
    return None if value is None else value


def map_chart(result: Picture, layer: str) -> Chart:
    names = indicator_names()
    rows = [(a, layer_value(a, layer)) for a in result.areas]
    shown = [(a, v) for a, v in rows if v is not None]
    title = unruby(str(names[layer]))
    top = _area_text(max(shown, key=lambda r: r[1])[0]) if shown else None
    summary = summaries.map_summary(title, top, len(rows) - len(shown), len(rows))
    table = ([said("Neighbourhood"), title], [[_area_text(a), _fmt(layer, v)] for a, v in rows])
    return choropleth(
        "risk-map",
        boundaries(),
        [a.code for a, _ in rows],
        [v for _, v in rows],
        [_area_text(a) for a, _ in rows],
        title,
        summary,
        table,
        locale=chart_locale(),
        share=not _is_score(layer),
        no_figure=said("No figure yet"),
        shapes=_outlines(),
    )


def _is_score(layer: str) -> bool:
    """Scores and rates per 1,000 are numbers; every other layer is a share of residents."""
    return layer == "score" or layer.endswith("_1000_older")


def _fmt(layer: str, value: float | None) -> str:
    if value is None:
        return said("Not enough answers yet")
    if _is_score(layer):
        return format_decimal(value, "#,##0.0")
    return format_percent(value, "#,##0.0%")


def channel_chart(result: Picture) -> Chart:
    total = sum(result.channels.values()) or 1
    labels = [str(CHANNEL_LABELS.get(c, c)) for c in result.channels]
    values = list(result.channels.values())
    web = result.channels.get("web", 0) / total
    summary = (
        said(
            "%(web)s of answers came through the web alone; the rest were given on paper, by phone or with a volunteer.",
            web=format_percent(web, "#,##0%"),
        )
        if sum(values)
        else said("No answers yet.")
    )
    table = (
        [said("Channel"), said("Answers"), said("Share")],
        [
            [label, v, format_percent(v / total, "#,##0%")]
            for label, v in zip(labels, values, strict=True)
        ],
    )
    return bars(
        "channels",
        labels,
        values,
        said("How the answers were given"),
        summary,
        table,
        locale=chart_locale(),
    )


def option_chart(chart_id: str, role: str, title: str, choices: Choices) -> Chart | None:
    """Answers to the question playing `role`, "none of these" left out; None if no question
    plays it in this survey version."""

    question = surveys.instrument().role(role)
    if question is None:
        return None
    labels = option_labels(question)
    left_out = question.exclusive_ids()
    counts = sorted(
        (
            (v, n)
            for v, n in insights.answer_counts(question.id, choices.breakdown_filters)
            if v not in left_out
        ),
        key=lambda r: -r[1],
    )
    names = [unruby(str(labels.get(v, v))) for v, _ in counts]
    values = [n for _, n in counts]
    summary = summaries.most_chosen(names[0] if counts else None, values[0] if counts else 0)
    table = (
        [said("Answer"), said("Answers")],
        [[n, v] for n, v in zip(names, values, strict=True)],
    )
    return bars(chart_id, names, values, title, summary, table, locale=chart_locale())


def age_chart(choices: Choices) -> Chart:
    rows = insights.counts_by("age_band", choices.breakdown_filters)
    named = age_labels(surveys.instrument())
    labels = [str(named.get(k or None, k)) for k, _ in rows]
    values = [n for _, n in rows]
    summary = (
        said(
            "Answers by age band: %(parts)s.",
            parts=", ".join(f"{label} {v}" for label, v in zip(labels, values, strict=True)),
        )
        if sum(values)
        else said("No answers yet.")
    )
    table = (
        [said("Age band"), said("Answers")],
        [[label, v] for label, v in zip(labels, values, strict=True)],
    )
    return bars(
        "ages",
        labels,
        values,
        said("Answers by age band"),
        summary,
        table,
        locale=chart_locale(),
    )


def trend_chart(choices: Choices) -> Chart:
    from outreach.services import session_logs

    responses = dict(insights.counts_by("month", choices.breakdown_filters))
    period = (choices.filters.start, choices.filters.end)
    by_month = cached("helped_by_month", period, lambda: session_logs.totals_by("month", *period))
    helped = {k: t.people for k, t in by_month}
    months = sorted(set(responses) | set(helped))
    series = {
        said("Survey answers"): [responses.get(m, 0) for m in months],
        said("People helped"): [helped.get(m, 0) for m in months],
    }
    names = [month_name(m) for m in months]
    summary = said("No answers yet.")
    if months:
        sentences = [
            summaries.period(names[0], names[-1]),
            summaries.answers_and_help(sum(responses.values()), sum(helped.values())),
        ]
        if in_progress(months[-1]):
            sentences.append(summaries.month_in_progress())
        summary = " ".join(sentences)
    table = (
        [said("Month"), *series],
        [[month_label(m), *(v[i] for v in series.values())] for i, m in enumerate(months)],
    )
    return lines(
        "trend",
        names,
        dict(series),
        said("Month by month"),
        summary,
        table,
        **over_time(months, said("Number of people")),
    )


def picture(choices: Choices) -> Picture:
    return insights.picture(choices.filters, choices.config)


PLAN_LABELS = (_l("Barriers"), _l("Topics"), _l("Languages"))


def plan_questions() -> list[tuple[str, Any]]:
    """(question id, label) of the questions that say what help to plan, where this survey
    version has them."""
    found = zip(plan_answers.plan_questions(), PLAN_LABELS, strict=True)
    return [(q, label) for q, label in found if q]


def option_label(question_id: str, value: str) -> Any:

    question = surveys.instrument().find(question_id)
    return option_labels(question).get(value, value) if question else value


#: What an estimate rests on (outreach.services.area_estimates.KINDS).
KIND_LABELS = {
    "survey": _l("survey"),
    "model": _l("survey and model"),
    "model_only": _l("model only"),
}


#: How sure a neighbourhood is of its place (outreach.risk.shortlist.LABELS).
CERTAINTY_LABELS = {
    "almost_certain": _l("almost certain"),
    "likely": _l("likely"),
    "possible": _l("possible"),
}


def shortlisted(result: Picture, extra: int = 5) -> list[AreaFigures]:
    """The shortlist and the next few after it, so a reader sees who nearly made it."""
    settings = current_app.extensions["outreach_shortlist"]
    return [
        a
        for a in rankings.priorities(result)
        if a.standing and a.standing.rank and a.standing.rank <= settings.size + extra
    ]


def reasons(area: AreaFigures) -> list[Any]:
    """The names of what sets this neighbourhood apart (insights: AreaFigures.reasons)."""
    names = indicator_names()
    return [names[k] for k in area.reasons]


def page_context() -> dict[str, Any]:
    """Labels every insights page uses."""
    return {
        "certainty_labels": CERTAINTY_LABELS,
        "shortlist_size": current_app.extensions["outreach_shortlist"].size,
        "reasons": reasons,
        "kind_labels": KIND_LABELS,
        "need": current_app.extensions["outreach_risk"].need,
        "channel_labels": CHANNEL_LABELS,
        "age_labels": age_labels(surveys.instrument()),
        "plan_questions": plan_questions(),
        "option_label": option_label,
        "names": indicator_names(),
        "fmt": _fmt,
    }
