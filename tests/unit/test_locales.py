import pytest

from outreach.i18n.locales import BY_URL_CODE, LOCALES, from_accept_language


def test_eight_languages_each_named_in_itself():
    assert [loc.url_code for loc in LOCALES] == [
        "ja",
        "ja-easy",
        "en",
        "zh-hans",
        "ko",
        "vi",
        "ne",
        "pt-br",
    ]
    assert BY_URL_CODE["ne"].native_name == "नेपाली"


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["zh-CN", "en"], "zh-hans"),
        (["pt-PT"], "pt-br"),
        (["en-US"], "en"),
        (["fr", "vi-VN"], "vi"),
        (["fr", "de"], None),
        ([], None),
    ],
)
def test_accept_language(tags, expected):
    found = from_accept_language(tags)
    assert (found.url_code if found else None) == expected
