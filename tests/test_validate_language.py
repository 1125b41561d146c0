"""What `kemi validate` finds wrong in a file's data model, said whole in the screen's language:
every kind of error pydantic reports and every rule of kemi's own models, at its file:line:col,
in Finnish by default and in English with --lang en, with no file changed."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kemi_cli.load import load_file
from kemi_cli.validate import _model_findings

from .conftest import tree_hashes

Run = Callable[..., subprocess.CompletedProcess[str]]
ENV = {"KEMI_TODAY": "2026-08-15", "COLUMNS": "80"}

SPELLING = "käytä pieniä ASCII-kirjaimia, numeroita, '_' tai '-', esimerkiksi 'tilikauden_tulos'"
NOT_A_PERIOD_FI = "ei ole kausi: kirjoita vuosi (2026) tai puolivuotiskausi (2026H1, 2026H2)"
NOT_A_PERIOD_EN = "is not a period: write a year (2026) or a half-year (2026H1, 2026H2)"

# (file, text replaced (none: the whole file), its replacement, text on the reported line, where on
# it the column points, the Finnish message, the English one)
CASES = {
    "not-a-number": ("kpis.yaml", "value: 927", "value: kolme", "value: kolme", "value",
                     "odotettiin lukua, saatiin 'kolme'", "expected a number, got 'kolme'"),
    "missing-key": ("kpis.yaml", "        unit: count\n", "", "- id: asukkaat", "id",
                    "pakollinen kenttä 'unit' puuttuu", "missing required key 'unit'"),
    "missing-language": ("kpis.yaml", "name: {fi: Yritysten määrä, en: Number of businesses}", "name: {fi: Yritysten määrä}",
                         "name: {fi: Yritysten määrä}", "{",
                         "englanninkielinen teksti ('en') puuttuu: jokainen teksti kirjoitetaan sekä suomeksi (fi) että englanniksi (en)",
                         "missing the English text ('en'): every text needs both fi and en"),
    "unknown-key": ("kpis.yaml", "unit: count", "unti: count", "unti: count", "unti",
                    "tuntematon kenttä 'unti' (tarkoititko 'unit'?)", "unknown key 'unti' (did you mean 'unit'?)"),
    "not-text": ("projects/arm.yaml", "id: arm", "id: 5", "id: 5", "id", "odotettiin tekstiä, saatiin 5", "expected text, got 5"),
    "not-whole": ("strategy.yaml", "start: 2024", "start: 2024.5", "start: 2024.5", "start",
                  "odotettiin kokonaislukua, saatiin 2024.5", "expected a whole number, got 2024.5"),
    "whole-in-words": ("strategy.yaml", "start: 2024", "start: kaksi", "start: kaksi", "start",
                       "odotettiin kokonaislukua, saatiin 'kaksi'", "expected a whole number, got 'kaksi'"),
    "not-allowed": ("kpis.yaml", "direction: increase", "direction: upwards", "direction: upwards", "direction",
                    "'upwards' ei ole sallittu arvo tässä; sallitut arvot: increase, decrease, at_least, at_most",
                    "'upwards' is not allowed here; use one of: increase, decrease, at_least, at_most"),
    "below-minimum": ("strategy.yaml", "  - number: 1\n", "  - number: 0\n", "number: 0", "number",
                      "arvon on oltava vähintään 1, saatiin 0", "input should be greater than or equal to 1, got 0"),
    "above-maximum": ("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, progress: 140, recorded_at: 2026-07-01}",
                      "progress: 140", "progress",
                      "arvo saa olla enintään 100, saatiin 140", "input should be less than or equal to 100, got 140"),
    "not-a-date": ("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, status: active, recorded_at: eilen}",
                   "recorded_at: eilen", "recorded_at",
                   "odotettiin päivämäärää muodossa VVVV-KK-PP, saatiin 'eilen'", "expected a date (YYYY-MM-DD), got 'eilen'"),
    "date-with-words": ("projects/arm.yaml", "updates: []",
                        "updates:\n  - {period: 2026H1, status: active, recorded_at: '2026-07-01 kello 10'}", "kello", "recorded_at",
                        "odotettiin päivämäärää muodossa VVVV-KK-PP, saatiin '2026-07-01 kello 10'",
                        "expected a date (YYYY-MM-DD), got '2026-07-01 kello 10'"),
    "date-or-period": ("projects/arm.yaml", "goals: []", "goals: []\nphases:\n  - {name: {fi: a, en: b}, start: '2026-07-01T10:00:00'}",
                       "start: '2026", "start",
                       f"odotettiin päivämäärää muodossa VVVV-KK-PP, saatiin '2026-07-01T10:00:00' tai '2026-07-01T10:00:00' {NOT_A_PERIOD_FI}",
                       f"expected a date (YYYY-MM-DD), got '2026-07-01T10:00:00' or '2026-07-01T10:00:00' {NOT_A_PERIOD_EN}"),
    "not-a-list": ("kpis.yaml", "serves: [talous]", "serves: talous", "serves: talous", "serves",
                   "odotettiin luetteloa, saatiin 'talous'", "expected a list, got 'talous'"),
    "not-a-mapping": ("kpis.yaml", "        baseline:\n          value: 927", "        baseline: 927", "baseline: 927", "baseline",
                      "odotettiin avain–arvo-pareja, saatiin 927", "expected a mapping of keys, got 927"),
    "list-for-a-mapping": ("kpis.yaml", "        unit: count\n", "        unit: count\n        import_from: {pxweb: {table: t, dimensions: [a]}}\n",
                           "dimensions: [a]", "dimensions",
                           "odotettiin avain–arvo-pareja, saatiin luettelo", "expected a mapping of keys, got a list"),
    "text-not-a-pair": ("kpis.yaml", "name: {fi: Yritysten määrä, en: Number of businesses}", "name: Yritysten määrä",
                        "name: Yritysten määrä", "name",
                        "odotettiin tekstiä kummallakin kielellä, {fi: …, en: …}, saatiin 'Yritysten määrä'",
                        "expected text in both languages, {fi: …, en: …}, got 'Yritysten määrä'"),
    # kemi's own rules, raised by the models' validators
    "bad-id": ("projects/arm.yaml", "id: arm", "id: ÄRM", "id: ÄRM", "id",
               f"'ÄRM' ei kelpaa tunnukseksi: {SPELLING}",
               "'ÄRM' is not a valid id: use lowercase ASCII letters, digits, '_' or '-', for example 'tilikauden_tulos'"),
    "empty-text": ("kpis.yaml", "name: {fi: Yritysten määrä, en: Number of businesses}", "name: {fi: ' ', en: Number of businesses}",
                   "name: {fi: ' '", "fi:", "teksti ei saa olla tyhjä", "text must not be empty"),
    "not-a-period": ("kpis.yaml", "value: 927", "value: 927\n          period: 2026H3", "period: 2026H3", "period",
                     f"'2026H3' {NOT_A_PERIOD_FI}", f"'2026H3' {NOT_A_PERIOD_EN}"),
    "period-or-every-year": ("kpis.yaml", "value: 930", "value: 930\n          period: kolme", "period: kolme", "period",
                             f"'kolme' {NOT_A_PERIOD_FI} tai 'kolme' ei ole sallittu arvo tässä; sallitut arvot: every_year",
                             f"'kolme' {NOT_A_PERIOD_EN} or 'kolme' is not allowed here; use one of: every_year"),
    "year-outside": ("kpis.yaml", "value: 927", "value: 927\n          period: 1800H1", "period: 1800H1", "period",
                     "kemi ei hyväksy kautta '1800H1': vuosi 1800 ei ole väliltä 1900–2199",
                     "'1800H1' is not a period kemi takes: the year 1800 is outside 1900–2199"),
    "day-outside": ("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, status: active, recorded_at: 1800-07-01}",
                    "recorded_at: 1800", "recorded_at",
                    "1800-07-01: vuosi 1800 ei ole väliltä 1900–2199", "1800-07-01: the year 1800 is outside 1900–2199"),
    "not-finite": ("kpis.yaml", "value: 927", "value: .inf", "value: .inf", "value",
                   "arvo on ääretön tai määrittelemätön luku", "the value is not a finite number"),
    "too-large": ("kpis.yaml", "value: 927", "value: 1.0e+20", "value: 1.0e+20", "value",
                  "arvo on rajojen ulkopuolella: kemi hyväksyy luvut väliltä −10^15 … 10^15",
                  "the value is out of range: kemi takes numbers from −10^15 to 10^15"),
    "confirmation-flag": ("kpis.yaml", "needs_confirmation: [serves, data_source, frequency]", "needs_confirmation: true",
                          "needs_confirmation: true", "needs_confirmation",
                          "needs_confirmation luettelee vahvistusta odottavat kentät, esimerkiksi [baseline, target], eikä ole true tai false",
                          "needs_confirmation lists the fields that await confirmation, e.g. [baseline, target], not true or false"),
    "scale-order": ("kpis.yaml", "        unit: count\n", "        unit: score\n        scale: {min: 5, max: 1}\n", "scale: {min: 5", "scale",
                    "asteikon alarajan min (5) on oltava pienempi kuin ylärajan max (1)", "scale min 5 must be below max 1"),
    "score-without-scale": ("kpis.yaml", "        unit: count\n", "        unit: score\n", "- id: asukkaat", "id",
                            "mittari, jonka yksikkö on 'score', tarvitsee asteikon (scale: min ja max)",
                            "a KPI with unit 'score' needs a scale (min and max)"),
    "import-without-source": ("kpis.yaml", "        unit: count\n", "        unit: count\n        import_from: {}\n",
                              "import_from: {}", "import_from",
                              "import_from tarvitsee lähteen: pxweb tai sotkanet", "import_from needs pxweb or sotkanet"),
    # the checks that span a file's entries or several files
    "duplicate-id": ("kpis.yaml", "      - id: yritykset\n", "      - id: asukkaat  # a copy\n", "asukkaat  # a copy", "id",
                     "mittari: tunnus 'asukkaat' on jo käytössä", "duplicate KPI id 'asukkaat'"),
    "challenge-number": ("strategy.yaml", "  - number: 11\n", "  - number: 12\n", "number: 12", "number",
                         "haasteen numero on 12, odotettiin 11", "challenge number 12, expected 11"),
    "unknown-sector": ("projects/arm.yaml", "sectors: [elinvoima]", "sectors: [elinvoma]", "sectors: [elinvoma]", "elinvoma",
                       "tuntematon toimiala 'elinvoma' (tarkoititko 'elinvoima'?)", "unknown sector 'elinvoma' (did you mean 'elinvoima'?)"),
    "listed-twice": ("projects/arm.yaml", "sectors: [elinvoima]", "sectors: [elinvoima, elinvoima]", "sectors: [elinvoima, elinvoima]",
                     "elinvoima]", "toimiala 'elinvoima' on luettelossa kahdesti", "sector 'elinvoima' is listed twice"),
    "id-not-file-name": ("projects/arm.yaml", "id: arm", "id: arm2", "id: arm2", "id",
                         "tunnus 'arm2' ei vastaa tiedoston nimeä 'arm.yaml'", "id 'arm2' does not match the file name 'arm.yaml'"),
    "value-not-begun": ("kpis.yaml", "        actuals: []\n\n      - id: yritykset",
                        "        actuals:\n          - {period: 2027H1, value: 1, recorded_at: 2026-07-01}\n\n      - id: yritykset",
                        "period: 2027H1", "period",
                        "mittarilla 'asukkaat' on arvo kaudelle 2027H1: kausi ei ole vielä alkanut (tänään on 15.8.2026)",
                        "KPI 'asukkaat' has a value for 2027H1: that period has not begun yet (today is 15 August 2026)"),
    "two-open": ("review.yaml", "", ("periods:\n- {period: 2025H2, state: open, opened_at: 2026-02-01}\n"
                 "- {period: 2026H1, state: open, opened_at: 2026-08-01}\n"), "2026H1, state: open", "state",
                 "2026H1 on avoinna, vaikka myös 2025H2 on: katsauksessa on yksi kausi kerrallaan",
                 "2026H1 is open while 2025H2 is too: one period is under review at a time"),
    # reading the file, before its content is checked
    "alias": ("kpis.yaml", "        unit: count\n", "        unit: &u count\n        scale: *u\n", "scale: *u", "*u",
              "YAML-viittaukset (*nimi) eivät ole sallittuja kemin tiedostoissa; kirjoita arvo näkyviin",
              "YAML aliases (*name) are not allowed in kemi data files; write the value out"),
    "tag": ("kpis.yaml", "unit: count", "unit: !!python/object/apply:os.system ['echo pwned']", "python/object", "!!",
            "tyyppimerkintä '!!python/object/apply:os.system' ei ole sallittu: kemin tiedostoissa on vain tavallisia arvoja",
            "the tag '!!python/object/apply:os.system' is not allowed: kemi data files hold plain values only"),
    "no-such-day": ("projects/arm.yaml", "updates: []", "updates:\n  - {period: 2026H1, status: active, recorded_at: 2026-02-30}",
                    "2026-02-30", "2026-02-30",
                    "arvoa '2026-02-30' ei voi lukea tyypin timestamp arvoksi (day is out of range for month)",
                    "'2026-02-30' cannot be read as a timestamp: day is out of range for month"),
    "top-level-list": ("projects/arm.yaml", "", "- a\n- b\n", "- a", "-",
                       "tiedoston ylimmällä tasolla odotettiin avain–arvo-pareja", "expected a mapping of keys at the top of the file"),
    "byte-order-mark-inside": ("projects/arm.yaml", "id: arm\n", "id: arm\ufeff\n", "id: arm", "\ufeff",
                               "tavujärjestysmerkki (U+FEFF) keskellä tekstiä; poista se (sellainen saa olla vain tiedoston alussa)",
                               "a byte-order mark (U+FEFF) inside the text; remove it (only the file's very start may have one)"),
    "count-not-whole": ("kpis.yaml", "value: 927", "value: 9.5", "value: 9.5", "value",
                        "9.5 on desimaaliluku, mutta mittari 'yritykset' on kappalemäärä",
                        "9.5 is not a whole number: KPI 'yritykset' is a count"),
}


def the_error(result: subprocess.CompletedProcess[str], severity: str) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if f": {severity}: " in line]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_model_error_is_whole_in_either_language(run_kemi: Run, data_dir: Path, case: str) -> None:
    relative, old, new, needle, anchor, finnish, english = CASES[case]
    path = data_dir / relative
    text = path.read_text(encoding="utf-8") if old else ""  # nothing to replace: a new text for the whole file
    assert old in text, old
    path.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
    number, line = next((n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)
    where = f"data/{relative}:{number}:{line.index(anchor) + 1}"
    before = tree_hashes(data_dir)

    # Finnish by default (no KEMI_LANG, no --lang), English with --lang en or KEMI_LANG=en.
    in_finnish = run_kemi("validate", "-q", "--data", "data", env={**ENV, "KEMI_LANG": ""}, cwd=data_dir.parent)
    in_english = run_kemi("validate", "-q", "--lang", "en", "--data", "data", env=ENV, cwd=data_dir.parent)
    assert the_error(in_finnish, "virhe") == f"{where}: virhe: {finnish}"
    assert the_error(in_english, "error") == f"{where}: error: {english}"
    assert tree_hashes(data_dir) == before


class Sample(BaseModel):
    """A model with the constraints kemi's own models do not use (yet), for the kinds of
    error no data file of kemi can produce."""

    model_config = ConfigDict(extra="forbid")

    owners: Annotated[list[str], Field(min_length=1, max_length=2)] = ["a"]
    code: Annotated[str, Field(min_length=2, max_length=4, pattern=r"^[a-z]+$")] = "ab"
    published: bool = False
    share: Annotated[float, Field(gt=0, lt=1, multiple_of=0.25)] = 0.5
    ratio: Annotated[float, Field(allow_inf_nan=False)] = 1.0
    kind: Literal["a", "b"] = "a"
    tags: frozenset[str] = frozenset()


SAMPLES = [
    ("owners: []", "kohtia on oltava vähintään 1, nyt niitä on 0", "should have at least 1 item(s), not 0"),
    ("owners: [a, b, c]", "kohtia saa olla enintään 2, nyt niitä on 3", "should have at most 2 item(s), not 3"),
    ("code: a", "tekstissä on oltava vähintään 2 merkkiä, saatiin 'a'", "string should have at least 2 character(s), got 'a'"),
    ("code: abcde", "tekstissä saa olla enintään 4 merkkiä", "string should have at most 4 character(s)"),
    ("code: AB", "'AB' ei ole muotoa '^[a-z]+$'", "string should match pattern '^[a-z]+$', got 'AB'"),
    ("published: kyllä", "odotettiin arvoa true tai false, saatiin 'kyllä'", "expected true or false, got 'kyllä'"),
    ("share: 0", "arvon on oltava suurempi kuin 0, saatiin 0", "input should be greater than 0, got 0"),
    ("share: 1", "arvon on oltava pienempi kuin 1, saatiin 1", "input should be less than 1, got 1"),
    ("share: 0.3", "arvon on oltava luvun 0.25 monikerta, saatiin 0.3", "input should be a multiple of 0.25, got 0.3"),
    ("ratio: .nan", "odotettiin äärellistä lukua, saatiin nan", "input should be a finite number, got nan"),
    # A kind of error kemi has no words for keeps pydantic's English after the lead-in.
    ("tags: 5", "tietomalli ei hyväksy arvoa 5 (tarkenne englanniksi: input should be a valid frozenset)",
     "input should be a valid frozenset, got 5"),
]


@pytest.mark.parametrize(("line", "finnish", "english"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_the_kinds_of_error_no_data_file_produces_yet_are_worded_too(tmp_path: Path, line: str, finnish: str, english: str) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(f"# a sample\n{line}\n", encoding="utf-8")
    source = load_file(path)
    with pytest.raises(ValidationError) as raised:
        Sample.model_validate(source.data)
    findings = _model_findings(source, Sample, raised.value)
    assert len(findings) == 1
    assert (findings[0].line, findings[0].column) == (2, 1)
    assert findings[0].in_lang("fi").endswith(f": virhe: {finnish}")
    assert findings[0].in_lang("en").endswith(f": error: {english}")
