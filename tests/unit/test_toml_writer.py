"""The instrument writer: what it writes reads back the same, and the house file does too."""

import tomllib

from outreach.instrument.toml_writer import dumps
from outreach.instrument.xlsform import plain_readings
from outreach.instrument.xlsform_import import ruby_from_readings
from outreach.paths import FORMS


def test_the_survey_file_written_again_reads_back_the_same():
    data = tomllib.loads((FORMS / "digital-access.toml").read_text(encoding="utf-8"))
    text = dumps(data, header="first line\nsecond")
    assert text.startswith("# first line\n# second\n")
    assert tomllib.loads(text) == data
    assert '  { id = "never", text = "Never" },' in text  # one option per line, as by hand


def test_awkward_strings_survive():
    data = {"id": 'a "quoted"\\ \n\ttab', "questions": [{"id": "q", "text": "“引用” 〒573"}]}
    assert tomllib.loads(dumps(data)) == data


def test_readings_go_back_to_ruby():
    easy = "{地区|ちく}を {選|えら}んで ください"
    assert plain_readings(easy) == "地区（ちく）を 選（えら）んで ください"
    assert ruby_from_readings(plain_readings(easy)) == easy
    assert ruby_from_readings("参加費（無料）") == "参加費（無料）"  # not a reading: kanji inside
