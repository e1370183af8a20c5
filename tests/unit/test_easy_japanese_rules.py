"""やさしい日本語 measured: every string a resident meets keeps to the rules in
translations/easy-japanese.toml (sentence length, no honorifics, known loanwords). A broken rule
names the message, the rule and the text. The checks are tests/support/easy_japanese_rules.py."""

from babel.messages.catalog import Catalog

from tests.support import easy_japanese_rules as easy

RULES = easy.rules()
MESSAGES = easy.resident_messages(RULES)


def test_there_are_resident_messages_to_check():
    assert len(MESSAGES) > 200


def test_sentences_are_short():
    too_long = easy.too_long(MESSAGES, RULES)
    assert not too_long, "\n".join(too_long)
    short = easy.short_share(MESSAGES, RULES)
    assert short >= RULES["typical_share"], f"only {short:.0%} of sentences are short"


def test_plain_forms():
    broken = easy.honorifics(MESSAGES, RULES)
    assert not broken, "\n".join(broken)


def test_known_words():
    broken = easy.unknown_katakana(MESSAGES, RULES)
    assert not broken, "\n".join(broken)


# The checks on a catalog made here, with one translation breaking each rule.


def tiny(english: str, translation: str) -> dict[str, str]:
    made = Catalog(locale="ja@easy")
    made.add("Fine", "{大丈夫|だいじょうぶ}です。")
    made.add(english, translation)
    return easy.translations(made)


def test_a_long_sentence_names_the_message_the_rule_and_the_sentence():
    sentence = "この しつもんに こたえると、{市|し}が あなたに でんわで れんらくして、{手伝|てつだ}いの ひを いっしょに きめます"
    problems = easy.too_long(tiny("Answer to be called", sentence), RULES)
    seen = easy.sentences(sentence)[0]
    assert problems == [
        f"'Answer to be called': max_length: {len(seen)} characters, over 40, in {seen}"
    ]


def test_an_honorific_names_the_message_the_rule_and_the_text():
    text = "ありがとう ございます。{次|つぎ}へ お{進|すす}みください。"  # furigana inside the form
    problems = easy.honorifics(tiny("Go on", text), RULES)
    assert problems == [f"'Go on': honorifics: お進み in {text}"]


def test_an_unexplained_loanword_names_the_message_the_rule_and_the_word():
    text = "ブラウザを {開|ひら}いて ください。リンク（おす ところ）を おします。"
    problems = easy.unknown_katakana(tiny("Open a browser", text), RULES)
    assert problems == [f"'Open a browser': allowed_katakana: ブラウザ in {text}"]
