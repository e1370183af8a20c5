"""Form pieces every blueprint may use: checkbox groups, the confirm button, and neighbourhood
choices grouped so 200 names can be browsed without JavaScript (by kana row in Japanese, by first
letter elsewhere)."""

from collections.abc import Iterable
from typing import Any, Protocol

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from outreach.i18n.locales import SiteLocale
from outreach.i18n.markup import plain
from outreach.labels import area_name
from outreach.privacy import personal_detail


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes rendered inside a fieldset by templates/components/forms.html."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ConfirmForm(FlaskForm):
    """An empty form: a button with a CSRF token."""


PERSONAL_DETAIL_MESSAGES = {
    "phone": _l(
        "This looks like a phone number. Do not write personal details here; remove it and save again."
    ),
    "email": _l(
        "This looks like an email address. Do not write personal details here; remove it and save again."
    ),
    "my_number": _l(
        "This looks like a My Number (12 digits). Never write it here; remove it and save again."
    ),
}


def no_personal_details(form: FlaskForm, field: Any) -> None:
    """For free text seen by the team (log notes, follow-up notes): no contact details."""
    reason = personal_detail(field.data or "")
    if reason:
        raise ValidationError(PERSONAL_DETAIL_MESSAGES[reason])


# The first kana of each gojūon row; a reading belongs to the last row start at or before it.
_ROW_START = "あかさたなはまやらわ"


class Named(Protocol):
    code: str
    name_ja: str
    name_kana: str
    name_romaji: str


def _kana_row(kana: str) -> str:
    first = kana[:1] or "ん"
    for start in reversed(_ROW_START):
        if first >= start:
            return f"{start}行"
    return "あ行"


def _label(area: Named, site_locale: SiteLocale) -> str:
    """The name (outreach.labels.area_name) as plain text: an <option> cannot hold furigana, so
    Japanese lists, grouped by reading, show the reading in brackets."""
    name = plain(area_name(area, site_locale))
    if site_locale.babel.startswith("ja") and area.name_kana:
        return f"{name}（{area.name_kana}）"
    return name


def grouped(areas: Iterable[Named], site_locale: SiteLocale) -> list[SelectChoice]:
    """Choices in <optgroup>s, in reading (Japanese) or alphabetical (other languages) order."""
    japanese = site_locale.babel.startswith("ja")
    ordered = sorted(
        areas, key=(lambda a: a.name_kana) if japanese else (lambda a: a.name_romaji.casefold())
    )
    return [
        SelectChoice(
            area.code,
            _label(area, site_locale),
            optgroup=_kana_row(area.name_kana)
            if japanese
            else (area.name_romaji[:1].upper() or "#"),
        )
        for area in ordered
    ]
