from markupsafe import Markup

from outreach.i18n.markup import is_well_formed, plain, ruby


def test_ruby_renders_furigana():
    assert ruby("{漢字|かんじ}です") == Markup("<ruby>漢字<rt>かんじ</rt></ruby>です")


def test_ruby_escapes_html_before_adding_markup():
    rendered = ruby('<script>alert(1)</script>{市|し}"')
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered
    assert "<ruby>市<rt>し</rt></ruby>&#34;" in rendered


def test_ruby_cannot_smuggle_tags_through_the_reading():
    assert "<b>" not in ruby("{市|<b>し</b>}")


def test_plain_drops_readings():
    assert plain("{枚方|ひらかた}の {人|ひと}") == "枚方の 人"
    assert plain(ruby("{枚方|ひらかた}")) == "枚方"


def test_well_formed():
    assert is_well_formed("{市|し}に {行|い}く")
    assert not is_well_formed("{市|し に")
    assert not is_well_formed("{市}")


def test_readings_stand_in_where_ruby_cannot_go():
    from markupsafe import Markup

    from outreach.i18n.markup import reading

    assert reading("{地区|ちく}を {選|えら}んで") == "ちくを えらんで"
    html = Markup("<ruby>見本町<rt>みほんちょう</rt></ruby>と &amp;")
    assert reading(html) == "みほんちょうと &"


def test_easy_dates_carry_furigana():
    from outreach.i18n.dates import easy

    assert str(easy("2026年12月8日(火)")) == (
        "2026<ruby>年<rt>ねん</rt></ruby>12<ruby>月<rt>がつ</rt></ruby>"
        "8<ruby>日<rt>にち</rt></ruby>(<ruby>火<rt>か</rt></ruby>)"
    )
    assert "<ruby>火曜日<rt>かようび</rt></ruby>" in str(easy("2026年12月8日火曜日"))
