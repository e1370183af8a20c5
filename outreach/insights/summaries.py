"""The one-sentence summaries beside each chart, true for none, one and many.

Each count gets its own sentence written through ngettext (languages differ in how many plural
forms they have), and "none" is said in words rather than as a zero in a sentence made for many.
"""

from flask_babel import gettext, ngettext


def map_summary(layer: str, top_area: str | None, missing: int, total: int) -> str:
    if top_area is None:
        return gettext("%(layer)s: no neighbourhood has enough answers yet.", layer=layer)
    highest = gettext(
        "%(layer)s by neighbourhood: highest in %(area)s.", layer=layer, area=top_area
    )
    if not missing:
        return f"{highest} {gettext('Every neighbourhood has a figure.')}"
    lacking = ngettext(
        # i18n: num neighbourhoods of total have no figure on the map yet (too few answers).
        "%(num)d of %(total)d neighbourhoods has no figure yet.",
        "%(num)d of %(total)d neighbourhoods have no figure yet.",
        missing,
        total=total,
    )
    return f"{highest} {lacking}"


def most_chosen(option: str | None, count: int) -> str:
    if option is None or not count:
        return gettext("No answers yet.")
    return ngettext(
        "Most often chosen: %(option)s (%(num)d answer).",
        "Most often chosen: %(option)s (%(num)d answers).",
        count,
        option=option,
    )


def period(first: str, last: str) -> str:
    """'From June to December' or, for a single month, 'In December'."""
    if first == last:
        # i18n: a period of one month, e.g. "In Dec 2026."
        return gettext("In %(month)s.", month=first)
    return gettext("From %(first)s to %(last)s.", first=first, last=last)


def answers_and_help(answers: int, helped: int) -> str:
    said = (
        ngettext("%(num)d survey answer.", "%(num)d survey answers.", answers)
        if answers
        else gettext("No survey answers.")
    )
    help_ = (
        ngettext(
            "%(num)d person helped by volunteers.", "%(num)d people helped by volunteers.", helped
        )
        if helped
        else gettext("Nobody helped by volunteers yet.")
    )
    return f"{said} {help_}"


def month_in_progress() -> str:
    return gettext("The last month is not over yet: its points are hollow and marked “so far”.")
