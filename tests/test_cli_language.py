"""Every line the command line prints follows --lang (before or after the command), else
KEMI_LANG, else Finnish: the confirmations of the write commands, the details of -v, and the
errors met in everyday work, all from one catalogue (templates/messages/<lang>.yaml, `cli`).
Run with the real CLI at 80 columns, in both languages."""

from __future__ import annotations

import ast
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kemi_cli.wording import CHECKOUT_TEMPLATES, catalogue

from .conftest import REPO, tree_hashes

Run = Callable[..., subprocess.CompletedProcess[str]]
ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja", "COLUMNS": "80"}


@pytest.fixture
def finnish_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo the tests' English (conftest): kemi as a user meets it, with no KEMI_LANG."""
    monkeypatch.delenv("KEMI_LANG")


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """What a command printed, in the order a terminal shows it: -v's details come before the
    confirmation that ends the command."""
    return (result.stderr + result.stdout).splitlines()


def round_of_writes(run_kemi: Run, data_dir: Path, tmp_path: Path, before: list[str], after: list[str], env: dict[str, str]) -> list[str]:
    """A half-year round through every write command; what each printed, line by line."""
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text("mittari;kausi;arvo\nasukkaat;2025H2;19 420\nyritykset;2025H2;930\n", encoding="utf-8")
    steps = [
        ("kpi", "set", "tyottomyysaste", "13,5 %"),
        ("kpi", "set", "tyottomyysaste", "13,5 %"),
        ("kpi", "set", "tyottomyysaste", "12,9", "--period", "2026H1", "--replace"),
        ("kpi", "unset", "tyottomyysaste", "--period", "2026H1"),
        ("kpi", "import", str(csv_path), "-v"),
        ("project", "new", "uusi_hanke", "--name-fi", "Uusi hanke", "--name-en", "New project", "--sector", "ymparisto", "--goal", "vihrea"),
        ("project", "update", "uimahalli", "--status", "active", "--text-fi", "Työmaa avattiin."),
        ("review", "open", "2026H1", "--deadline", "2026-09-15"),
        ("comment", "kpi", "asukkaat", "Väestö väheni."),
        ("review", "close", "2026H1", "--approved-by", "KH 1.9.2026 § 1"),
        ("report", "strategy", "-o", str(tmp_path / "strategia.md")),
    ]
    printed: list[str] = []
    for step in steps:
        # --lang where the user puts it: before the command's name, after its arguments, or nowhere.
        result = run_kemi(*before, *step, *after, "--data", str(data_dir), env={**ENV, **env}, cwd=tmp_path)
        assert result.returncode == 0, (step, result.stderr)
        printed += lines(result)
    return printed


FINNISH_ROUND = [
    "tyottomyysaste 2026H1 (viimeisin päättynyt puolivuotiskausi; mikään kausi ei ole katsauksessa): 13,5\u00a0% kirjattu tiedostoon data/kpis.yaml",
    "tyottomyysaste 2026H1: 13,5\u00a0% on jo kirjattu, mitään ei muutettu",
    "tyottomyysaste 2026H1: 12,9\u00a0% kirjattu (korvasi arvon 13,5\u00a0%) tiedostoon data/kpis.yaml",
    "tyottomyysaste 2026H1: 12,9\u00a0% poistettu; 13,5\u00a0% on taas voimassa",
    "kemi: aineistokansio: data (valitsimesta --data)",
    "kemi: toteuma.csv: luettu muodossa csv",
    "kemi: asukkaat 2025H2: 19\u00a0420 kirjattu",
    "kemi: yritykset 2025H2: 930 kirjattu",
    "toteuma.csv: kirjattuja arvoja 2, tiedosto data/kpis.yaml",
    "luotu: data/projects/uusi_hanke.yaml",
    ("projektin 'uimahalli' kauden 2026H1 päivitys (viimeisin päättynyt puolivuotiskausi; mikään kausi ei ole katsauksessa) "
    "kirjattu tiedostoon data/projects/uimahalli.yaml"),
    "2026H1 on katsauksessa, määräpäivä 15.9.2026 (data/review.yaml)",
    ("mittari 'asukkaat' 2026H1 (katsauksessa oleva kausi): teksti kirjattu tiedostoon data/review.yaml; "
    "englanninkielinen teksti odottaa käännöstä"),
    "2026H1 on suljettu, hyväksytty: KH 1.9.2026 § 1 (data/review.yaml)",
    "kirjoitettu: strategia.md",
]
ENGLISH_ROUND = [
    "tyottomyysaste 2026H1 (the last ended half-year; no period is under review): 13.5% recorded in data/kpis.yaml",
    "tyottomyysaste 2026H1: 13.5% already recorded, nothing changed",
    "tyottomyysaste 2026H1: 12.9% recorded (replaced 13.5%) in data/kpis.yaml",
    "tyottomyysaste 2026H1: 12.9% removed; 13.5% is current again",
    "kemi: data folder: data (from --data)",
    "kemi: toteuma.csv: read as csv",
    "kemi: asukkaat 2025H2: 19,420 recorded",
    "kemi: yritykset 2025H2: 930 recorded",
    "toteuma.csv: 2 value(s) recorded in data/kpis.yaml",
    "created data/projects/uusi_hanke.yaml",
    "recorded the 2026H1 update (the last ended half-year; no period is under review) of 'uimahalli' in data/projects/uimahalli.yaml",
    "2026H1 is under review, due 15 September 2026 (data/review.yaml)",
    "kpi 'asukkaat' 2026H1 (the period under review): text recorded in data/review.yaml; the English awaits translation",
    "2026H1 is closed, approved: KH 1.9.2026 § 1 (data/review.yaml)",
    "wrote strategia.md",
]


def without_timing(printed: list[str]) -> list[str]:
    """The lines, but for -v's closing time, whose figure varies."""
    timing = re.compile(r"^kemi: (valmis [\d,]+ sekunnissa|done in [\d.]+ s)$")
    assert sum(1 for line in printed if timing.match(line)) == 1, printed
    return [line for line in printed if not timing.match(line)]


def test_the_write_commands_speak_finnish_by_default(run_kemi: Run, data_dir: Path, tmp_path: Path, finnish_by_default: None) -> None:
    printed = round_of_writes(run_kemi, data_dir, tmp_path, [], [], {})
    assert without_timing(printed) == FINNISH_ROUND


@pytest.mark.parametrize(
    ("before", "after", "env"),
    [(["--lang", "en"], [], {}), ([], ["--lang", "en"], {"KEMI_LANG": "fi"}), ([], [], {"KEMI_LANG": "en"})],
    ids=["before the command", "after the command, over KEMI_LANG", "KEMI_LANG"],
)
def test_the_write_commands_speak_english_when_asked(
    run_kemi: Run, data_dir: Path, tmp_path: Path, finnish_by_default: None, before: list[str], after: list[str], env: dict[str, str]
) -> None:
    printed = round_of_writes(run_kemi, data_dir, tmp_path, before, after, env)
    assert without_timing(printed) == ENGLISH_ROUND


# (arguments, exit code, Finnish line, English line): the errors met in everyday work.
ERRORS = [
    (("kpi", "set", "asukaat", "19420", "--period", "2025H2"), 2,
     "virhe: tuntematon mittari 'asukaat' (tarkoititko 'asukkaat'?)",
     "error: unknown KPI 'asukaat' (did you mean 'asukkaat'?)"),
    (("kpi", "list", "--goal", "viisa"), 2,
     ("virhe: tuntematon tavoite tai strateginen päämäärä 'viisa' (tarkoititko 'viisas'?); tunnetut: viisas, valittava, vihrea, "
     "talous, asiakaskokemus, henkilostokokemus, kestavyys, visio"),
     ("error: unknown goal or objective 'viisa' (did you mean 'viisas'?); known: viisas, valittava, vihrea, talous, asiakaskokemus, "
     "henkilostokokemus, kestavyys, visio")),
    (("project", "update", "uimahal", "--status", "active"), 2,
     "virhe: tuntematon projekti 'uimahal' (tarkoititko 'uimahalli'?); tunnetut: ",
     "error: unknown project 'uimahal' (did you mean 'uimahalli'?); known: "),
    (("kpi", "set", "asukkaat", "19420", "--period", "2026X"), 2,
     "virhe: '2026X' ei ole kausi: kirjoita vuosi (2026) tai puolivuotiskausi (2026H1, 2026H2)",
     "error: '2026X' is not a period: write a year (2026) or a half-year (2026H1, 2026H2)"),
    (("kpi", "set", "asukkaat", "19420", "--period", "2027H1"), 2,
     "virhe: --period 2027H1: kausi ei ole vielä alkanut (tänään on 15.8.2026)",
     "error: --period 2027H1: that period has not begun yet (today is 15 August 2026)"),
    (("kpi", "set", "tilikauden_tulos", "2,5", "--period", "2025H2"), 2,
     "virhe: mittari 'tilikauden_tulos' mitataan vuosittain: anna vuosi, esimerkiksi 2025, ei 2025H2",
     "error: KPI 'tilikauden_tulos' is measured yearly: give a year such as 2025, not 2025H2"),
    (("kpi", "set", "asukkaat", "19,420", "--period", "2025H2"), 2,
     ("virhe: arvo: '19,420' on monitulkintainen: pilkku ennen täsmälleen kolmea numeroa voi olla desimaalipilkku (19,42) "
     "tai tuhaterotin (19420); kirjoita ensimmäinen muodossa 19,42, jälkimmäinen muodossa 19420 tai 19 420"),
     ("error: value: '19,420' is ambiguous: a comma before exactly three digits may be a decimal sign (19,42) or a thousands "
     "separator (19420); write 19,42 for the first, 19420 or 19 420 for the second")),
    (("kpi", "set", "asukkaat", "19 4OO", "--period", "2025H2"), 2,
     "virhe: arvo: '19 4OO' ei ole luku: '194' luetaan luvuksi, mutta sitä seuraava 'OO' ei",
     "error: value: '19 4OO' is not a number: '194' reads as one, but not 'OO' after it"),
    (("kpi", "set", "tilikauden_tulos", "17800000", "--period", "2025"), 2,
     ("virhe: arvo '17800000' luetaan arvoksi 17800000, yli 100-kertainen jokaiseen mittarista 'tilikauden_tulos' tunnettuun "
     "lukuun nähden (tavoite 2\u00a0milj.\u00a0€): onko arvo annettu miljoonina euroina? Lisää --force, niin arvo kirjataan sellaisenaan"),
     ("error: value '17800000' reads as 17800000, more than 100 times every figure known about KPI 'tilikauden_tulos' "
     "(target €2\u00a0million): is it in millions of euros? Add --force to record it as it is")),
    (("kpi", "set", "tyottomyysaste", "17,8 milj. €", "--period", "2025H2"), 2,
     "virhe: arvo: '17,8 milj. €' on kirjoitettu toisen yksikön arvona: mittari mitataan prosentteina väliltä 0–100; kirjoita 13,5 tai 13,5 %",
     "error: value: '17,8 milj. €' is written in another unit: this KPI's values are a percentage from 0 to 100; write 13,5 or 13,5 %"),
    (("kpi", "set", "asukkaat", "19400", "--period", "2026H1"), 2,
     "virhe: mittarilla 'asukkaat' on jo arvo 19300 kaudelle 2026H1; lisää --replace, niin uusi arvo kirjataan (vanha säilyy historiassa)",
     "error: KPI 'asukkaat' already has 19300 for 2026H1; add --replace to record the new value (the old one is kept as history)"),
    (("kpi", "unset", "asukkaat", "--period", "2024H1"), 2,
     "virhe: mittarilla 'asukkaat' ei ole poistettavaa arvoa kaudelle 2024H1; sillä on arvot kausille 2026H1",
     "error: KPI 'asukkaat' has no value for 2024H1 to unset; it has values for 2026H1"),
    (("project", "update", "uimahalli", "--progress", "120"), 2,
     "virhe: --progress 120 ei ole sallituissa rajoissa: anna valmiusaste prosentteina, 0–100",
     "error: --progress 120 is out of range: give per cent complete, 0–100"),
    (("review", "close", "2025H2", "--approved-by", "KH 1.9.2026 § 1"), 2,
     "virhe: 2025H2 ei ole katsauksessa; avaa se ensin (kemi review open 2025H2)",
     "error: 2025H2 is not under review; open it first (kemi review open 2025H2)"),
    (("review", "open", "2025H2", "--deadline", "2025-12-01"), 2,
     "virhe: --deadline 2025-12-01 ei ole kauden 2025H2 päättymisen (31.12.2025) jälkeen: luvut saadaan vasta kauden päätyttyä",
     "error: --deadline 2025-12-01 is not after the end of 2025H2 (31 December 2025): figures arrive after their period"),
    (("project", "update", "uimahalli"), 2,
     "virhe: ei kirjattavaa: anna --status, --progress, --text-fi/--text-en tai --phase/--phase-status",
     "error: nothing to record: give --status, --progress, --text-fi/--text-en or --phase/--phase-status"),
    (("kpi", "import", "ei.csv"), 2, "virhe: ei.csv: tiedostoa ei ole", "error: ei.csv: no such file"),
    (("report", "project"), 2,
     "virhe: anna projektin tunnus tai --all, jolloin mukaan tulevat kaikki kortit",
     "error: give a project id, or --all for every card"),
    (("report", "half-year", "--period", "2026"), 2,
     "virhe: --period '2026' on vuosi; puolivuotiskatsaus tarvitsee puolivuotiskauden, esimerkiksi 2026H1",
     "error: --period '2026' is a year; a half-year review needs a half-year such as 2026H1"),
    (("report", "half-year", "--period", "kolme"), 2,
     "virhe: --period 'kolme' ei ole kausi: kirjoita 2026H1 tai 2026H2", "error: --period 'kolme' is not a period: write 2026H1 or 2026H2"),
    (("report", "strategy", "--format", "pdf", "-o", "-"), 2,
     "virhe: -o - kirjoittaa Markdownin tai HTML:n vakiotulosteeseen; PDF tarvitsee tiedostonimen (-o raportti.pdf)",
     "error: -o - writes Markdown or HTML to stdout; a PDF needs a file name (-o report.pdf)"),
    (("kpi", "export", "-o", "x.xls"), 2,
     "virhe: -o x.xls: muotoa ei voi päätellä päätteestä '.xls'; anna tiedostolle pääte .csv, .json tai .xlsx, tai anna --format csv|json|xlsx",
     "error: -o x.xls: cannot tell the format from '.xls'; name the file .csv, .json or .xlsx, or give --format csv|json|xlsx"),
    (("kpi", "export", "--csv-dialect", "plain", "-o", "x.json"), 2,
     "virhe: --csv-dialect koskee vain CSV:tä; tämä vienti on muodossa json", "error: --csv-dialect is for CSV; this export is json"),
    (("build", "--out", "-"), 2,
     "virhe: --out - : sivusto on kansiollinen tiedostoja eikä voi mennä vakiotulosteeseen; anna kansio",
     "error: --out - : a site is a folder of files and cannot go to stdout; give a folder"),
    (("kpi", "import", "toteuma.json", "--format", "pxwebb"), 2,
     "virhe: --format 'pxwebb': valitse jokin näistä: auto, csv, pxweb, sotkanet",
     "error: --format 'pxwebb': choose one of auto, csv, pxweb, sotkanet"),
    (("kpi", "export", "-o", "."), 2, "virhe: . on kansio; anna tiedoston nimi", "error: . is a folder; give a file name"),
    (("project", "update", "uimahalli", "--text-en", "Hello"), 2,
     "virhe: --text-fi puuttuu: teksti kirjoitetaan ensin suomeksi (englanninkielinen voi tulla myöhemmin)",
     "error: --text-fi is missing: a text is written in Finnish first (its English may follow)"),
    (("project", "update", "uimahalli", "--text-fi", "Hei\x01"), 2,
     "virhe: --text-fi sisältää ohjausmerkin ('\\x01'); kirjoita tavallista tekstiä",
     "error: --text-fi contains a control character ('\\x01'); write plain text"),
    (("kpi", "list", "--status", "riski"), 2,
     "virhe: tuntematon tila 'riski' (tarkoititko 'at_risk'?); tunnetut: on_track, at_risk, off_track, no_data",
     "error: unknown status 'riski' (did you mean 'at_risk'?); known: on_track, at_risk, off_track, no_data"),
]


@pytest.fixture
def one_value(run_kemi: Run, data_dir: Path) -> Path:
    recorded = run_kemi("kpi", "set", "asukkaat", "19 300", "--period", "2026H1", "--data", str(data_dir), env=ENV)
    assert recorded.returncode == 0, recorded.stderr
    return data_dir


@pytest.mark.parametrize(("args", "code", "finnish", "english"), ERRORS, ids=[" ".join(e[0][:3]) for e in ERRORS])
def test_everyday_errors_in_both_languages(
    run_kemi: Run, one_value: Path, tmp_path: Path, finnish_by_default: None,
    args: tuple[str, ...], code: int, finnish: str, english: str,
) -> None:
    before = tree_hashes(one_value)
    for lang_args, expected in (([], finnish), (["--lang", "en"], english)):
        result = run_kemi(*lang_args, *args, "--data", str(one_value), env=ENV, cwd=tmp_path)
        assert result.returncode == code, result.stderr
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(expected), (result.stderr, expected)
        assert "Traceback" not in result.stderr
    assert tree_hashes(one_value) == before


# The command line's own usage errors: (arguments, the Finnish error line, typer's English one).
USAGE_ERRORS = [
    (("kpi", "sett"), "virhe: tuntematon komento 'sett' (tarkoititko 'set', 'unset'?)", "Error: No such command 'sett'. Did you mean 'set', 'unset'?"),
    (("kpi", "list", "--goalz", "x"), "virhe: tuntematon valitsin --goalz (tarkoititko --goal?)", "Error: No such option: --goalz (Possible options: --goal)"),
    (("kpi", "show"), "virhe: argumentti 'ID' puuttuu", "Error: Missing argument 'ID'."),
    (("review", "close", "2026H1"), "virhe: valitsin '--approved-by' puuttuu", "Error: Missing option '--approved-by'."),
    (("kpi", "set", "asukkaat", "1", "--perio", "2026H1"), "virhe: ylimääräisiä argumentteja: --perio 2026H1",
     "Error: Got unexpected extra argument(s) (--perio 2026H1)"),
]


@pytest.mark.parametrize(("args", "finnish", "english"), USAGE_ERRORS, ids=[" ".join(u[0][:3]) for u in USAGE_ERRORS])
def test_usage_errors_in_both_languages(
    run_kemi: Run, data_dir: Path, finnish_by_default: None, args: tuple[str, ...], finnish: str, english: str
) -> None:
    before = tree_hashes(data_dir)
    said_fi = run_kemi(*args, "--data", str(data_dir), env=ENV)
    said_en = run_kemi(*args, "--data", str(data_dir), "--lang", "en", env=ENV)
    assert said_fi.returncode == said_en.returncode == 2
    assert said_fi.stderr.splitlines()[-1] == finnish and said_en.stderr.splitlines()[-1] == english
    if len(said_fi.stderr.splitlines()) > 1:
        usage, hint = said_fi.stderr.splitlines()[:2]
        assert usage.startswith("Käyttö: kemi ") and hint.startswith("Ohje: kemi ") and hint.endswith(" --help")
    assert "Traceback" not in said_fi.stderr + said_en.stderr
    assert tree_hashes(data_dir) == before


# The root command's own usage errors, met before any command runs: (arguments, the Finnish
# error line, typer's English one, whether the usage and its hint come first).
ROOT_USAGE_ERRORS = [
    (("--bogus",), "virhe: tuntematon valitsin --bogus (tarkoititko --verbose?)",
     "Error: No such option: --bogus (Possible options: --verbose)", True),
    (("-q", "--bogus"), "virhe: tuntematon valitsin --bogus (tarkoititko --verbose?)",
     "Error: No such option: --bogus (Possible options: --verbose)", True),
    (("lisst",), "virhe: tuntematon komento 'lisst'", "Error: No such command 'lisst'.", True),
    (("kpii",), "virhe: tuntematon komento 'kpii' (tarkoititko 'kpi'?)", "Error: No such command 'kpii'. Did you mean 'kpi'?", True),
    (("-q",), "virhe: komento puuttuu", "Error: Missing command.", True),
    (("--data",), "virhe: valitsin '--data' tarvitsee arvon", "Error: Option '--data' requires an argument.", False),
]


@pytest.mark.parametrize(("args", "finnish", "english", "with_usage"), ROOT_USAGE_ERRORS, ids=[" ".join(u[0]) for u in ROOT_USAGE_ERRORS])
def test_the_root_commands_usage_errors_in_both_languages(
    run_kemi: Run, data_dir: Path, finnish_by_default: None, args: tuple[str, ...], finnish: str, english: str, with_usage: bool
) -> None:
    """The language is known though the error is in the options that would choose it: --lang
    before or after the error, or KEMI_LANG."""
    before = tree_hashes(data_dir)
    in_finnish = [
        run_kemi(*args, env=ENV, cwd=data_dir),
        run_kemi("--lang", "fi", *args, env={**ENV, "KEMI_LANG": "en"}, cwd=data_dir),
    ]
    in_english = [
        run_kemi("--lang", "en", *args, env=ENV, cwd=data_dir),
        run_kemi(*args, env={**ENV, "KEMI_LANG": "en"}, cwd=data_dir),
    ]
    if args != ("--data",):  # a --lang after --data would be its value
        in_english.append(run_kemi(*args, "--lang=en", env=ENV, cwd=data_dir))
    for result in in_finnish + in_english:
        assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr, result.stderr
    for result in in_finnish:
        printed = result.stderr.splitlines()
        assert printed[-1] == finnish
        assert printed[:-1] == (["Käyttö: kemi [OPTIONS] COMMAND [ARGS]...", "Ohje: kemi --help", ""] if with_usage else [])
    for result in in_english:
        printed = result.stderr.splitlines()
        assert printed[-1] == english
        assert printed[:-1] == (["Usage: kemi [OPTIONS] COMMAND [ARGS]...", "Try 'kemi --help' for help.", ""] if with_usage else [])
    assert tree_hashes(data_dir) == before


@pytest.mark.parametrize("args", [("-q", "-v", "status"), ("-q", "kpi", "list", "-v"), ("kpi", "list", "-v", "-q")])
def test_quiet_and_verbose_together_are_refused_in_the_language_given_anywhere(
    run_kemi: Run, data_dir: Path, finnish_by_default: None, args: tuple[str, ...]
) -> None:
    """The root's own options are refused before a --lang after the command is read; the
    --lang still chooses the language of the refusal."""
    before = tree_hashes(data_dir)
    for lang_args, expected in (([], "virhe: anna --quiet tai --verbose, ei molempia"), (["--lang", "en"], "error: give --quiet or --verbose, not both")):
        for refused in (run_kemi(*lang_args, *args, "--data", str(data_dir), env=ENV), run_kemi(*args, *lang_args, "--data", str(data_dir), env=ENV)):
            assert refused.returncode == 2 and expected in refused.stderr.splitlines(), refused.stderr
            assert "Traceback" not in refused.stderr and refused.stdout == ""
    assert tree_hashes(data_dir) == before


def test_init_and_the_environment_are_refused_in_either_language(run_kemi: Run, tmp_path: Path, finnish_by_default: None) -> None:
    (tmp_path / "kemi").mkdir()
    (tmp_path / "kemi" / "muistio.txt").write_text("", encoding="utf-8")
    for lang_args, expected in (
        ([], "virhe: kemi: kansio ei ole tyhjä; kemi init kirjoittaa vain uuteen tai tyhjään kansioon"),
        (["--lang", "en"], "error: kemi: the folder is not empty; kemi init writes only into a new or empty folder"),
    ):
        refused = run_kemi(*lang_args, "init", "kemi", "--city", "Tornio", env=ENV, cwd=tmp_path)
        assert (refused.returncode, refused.stderr) == (2, expected + "\n")
    for lang_args, expected in (
        ([], "virhe: KEMI_TODAY 'huomenna' ei ole päivämäärä: kirjoita VVVV-KK-PP, esimerkiksi 2026-08-15"),
        (["--lang", "en"], "error: KEMI_TODAY 'huomenna' is not a date: write YYYY-MM-DD, for example 2026-08-15"),
    ):
        refused = run_kemi(*lang_args, "kpi", "list", "--data", str(REPO / "data"), env={**ENV, "KEMI_TODAY": "huomenna"}, cwd=tmp_path)
        assert (refused.returncode, refused.stderr) == (2, expected + "\n")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["kemi", "muistio.txt"]


def test_a_lock_refusal_in_both_languages(run_kemi: Run, data_dir: Path, tmp_path: Path, finnish_by_default: None) -> None:
    (data_dir / ".kpis.yaml.lock").mkdir()
    before = tree_hashes(data_dir)
    finnish = run_kemi("kpi", "set", "asukkaat", "19400", "--period", "2026H1", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    english = run_kemi("kpi", "set", "asukkaat", "19400", "--period", "2026H1", "--lang", "en", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    assert (finnish.returncode, finnish.stderr) == (
        1, "virhe: data/.kpis.yaml.lock: lukko on kansio; poista se (kemi ei tee sellaista) ja yritä uudelleen\n"
    )
    assert (english.returncode, english.stderr) == (
        1, "error: data/.kpis.yaml.lock: the lock is a folder; remove it (no kemi process makes one) and try again\n"
    )
    assert tree_hashes(data_dir) == before


def test_a_csv_without_its_header_says_so_in_either_language(run_kemi: Run, data_dir: Path, tmp_path: Path, finnish_by_default: None) -> None:
    csv_path = tmp_path / "toteuma.csv"
    csv_path.write_text("asukkaat;2025H2;19420\n", encoding="utf-8")
    before = tree_hashes(data_dir)
    finnish = run_kemi("kpi", "import", "toteuma.csv", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    english = run_kemi("kpi", "import", "toteuma.csv", "--lang", "en", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    assert finnish.returncode == english.returncode == 1
    assert finnish.stderr == (
        "toteuma.csv:1: virhe: otsikkorivi puuttuu: ensimmäinen rivi nimeää sarakkeet, id,period,value[,source,note,forecast] "
        "(suomeksi mittari;kausi;arvo[;lähde;huomautus;ennuste])\n"
    )
    assert english.stderr.startswith("toteuma.csv:1: error: the header is missing: ")
    assert tree_hashes(data_dir) == before


# An import file's problems: (its text, the Finnish lines, the English ones).
IMPORT_PROBLEMS = [
    ("mittari;kausi;arvo;huomio\nasukkaat;2025H2;19 420\n",
     [("toteuma.csv:1: virhe: tuntematon sarake 'huomio'; sarakkeet ovat id, period, value, source, note, forecast "
      "(suomeksi mittari, kausi, arvo, lähde, huomautus, ennuste)")],
     [("toteuma.csv:1: error: unknown column 'huomio'; the columns are id, period, value, source, note, forecast "
      "(in Finnish mittari, kausi, arvo, lähde, huomautus, ennuste)")]),
    ("id;period;period\nasukkaat;2025H2;2025H2\n",
     ["toteuma.csv:1: virhe: sarake 'period' on kahdesti"], ["toteuma.csv:1: error: column 'period' appears twice"]),
    ("mittari;kausi\nasukkaat;2025H2\n",
     ["toteuma.csv:1: virhe: otsikkoriviltä puuttuu value: odotettiin sarakkeita id,period,value[,source,note]"],
     ["toteuma.csv:1: error: the header lacks the column(s) value: expected id,period,value[,source,note]"]),
    ("id,period,value\n", ["toteuma.csv:1: virhe: otsikkorivin alla ei ole tuotavia rivejä"],
     ["toteuma.csv:1: error: no rows to import below the header"]),
    ("id;period;value\nasukkaat;2025H2;19 420\nasukkaat;2025H2;19 421\nyritykset;;930\nyritykset;2025H2;930;x;y\n",
     ["toteuma.csv:3: virhe: mittarin 'asukkaat' kausi 2025H2 on myös rivillä 2",
      "toteuma.csv:4: virhe: kausi puuttuu: kirjoita 2026, 2026H1 tai 2026H2",
      "toteuma.csv:5: virhe: sarakkeita on 5, otsikkorivillä 3"],
     ["toteuma.csv:3: error: KPI 'asukkaat' 2025H2 is also on line 2",
      "toteuma.csv:4: error: the period is empty: write 2026, 2026H1 or 2026H2",
      "toteuma.csv:5: error: 5 columns, the header has 3"]),
]


@pytest.mark.parametrize(("text", "finnish", "english"), IMPORT_PROBLEMS, ids=[t[0].split("\n")[0] for t in IMPORT_PROBLEMS])
def test_an_import_files_problems_in_either_language(
    run_kemi: Run, data_dir: Path, tmp_path: Path, finnish_by_default: None, text: str, finnish: list[str], english: list[str]
) -> None:
    (tmp_path / "toteuma.csv").write_text(text, encoding="utf-8")
    before = tree_hashes(data_dir)
    in_finnish = run_kemi("kpi", "import", "toteuma.csv", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    in_english = run_kemi("kpi", "import", "toteuma.csv", "--lang", "en", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    assert (in_finnish.returncode, in_finnish.stderr.splitlines()) == (1, finnish)
    assert (in_english.returncode, in_english.stderr.splitlines()) == (1, english)
    assert tree_hashes(data_dir) == before


def test_located_findings_keep_their_location_in_either_language(run_kemi: Run, data_dir: Path, tmp_path: Path, finnish_by_default: None) -> None:
    kpis = data_dir / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("unit: count", "unit: counts", 1), encoding="utf-8")
    finnish = run_kemi("validate", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    english = run_kemi("validate", "--lang", "en", "--data", str(data_dir), env=ENV, cwd=tmp_path)
    assert finnish.returncode == english.returncode == 1
    located = re.compile(r"^(data/kpis\.yaml:\d+:\d+): (virhe|error): ")
    finnish_errors = [located.match(line) for line in finnish.stderr.splitlines() if located.match(line)]
    english_errors = [located.match(line) for line in english.stderr.splitlines() if located.match(line)]
    assert finnish_errors and [m.group(1) for m in finnish_errors] == [m.group(1) for m in english_errors]
    assert {m.group(2) for m in finnish_errors} == {"virhe"} and {m.group(2) for m in english_errors} == {"error"}
    assert finnish.stdout.startswith("VIRHEELLINEN data: virheitä 1, varoituksia ")
    assert english.stdout.startswith("FAILED data: 1 error(s), ")


@pytest.mark.parametrize("value", ["sv", "FI", "both"])
def test_a_language_kemi_does_not_speak_is_refused_in_one_line(run_kemi: Run, data_dir: Path, value: str) -> None:
    before = tree_hashes(data_dir)
    given = run_kemi("--lang", value, "kpi", "set", "asukkaat", "19400", "--period", "2026H1", "--data", str(data_dir), env=ENV)
    from_environment = run_kemi("kpi", "list", "--data", str(data_dir), env={**ENV, "KEMI_LANG": value})
    for result, option in ((given, "--lang"), (from_environment, "KEMI_LANG")):
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert f"{option} '{value}'" in result.stderr and "fi, en" in result.stderr and "Traceback" not in result.stderr
    assert tree_hashes(data_dir) == before


def test_the_global_lang_chooses_the_documents_language_too(run_kemi: Run, data_dir: Path, tmp_path: Path) -> None:
    """`kemi --lang en report …` writes in English, as the report's own --lang does; the report's
    own --lang wins over the global one."""
    global_en = tmp_path / "global.md"
    own_fi = tmp_path / "own.md"
    assert run_kemi("--lang", "en", "report", "strategy", "-o", str(global_en), "--data", str(data_dir), env=ENV).returncode == 0
    assert run_kemi("--lang", "en", "report", "strategy", "--lang", "fi", "-o", str(own_fi), "--data", str(data_dir), env=ENV).returncode == 0
    assert 'lang="en"' in global_en.read_text(encoding="utf-8") or "Vision" in global_en.read_text(encoding="utf-8")
    assert global_en.read_text(encoding="utf-8") != own_fi.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the catalogue


def said_keys_in_the_code() -> tuple[set[str], set[str]]:
    """Every literal catalogue key the code says (Said("cli.…")), and the fixed start of every
    key it builds (Said(f"cli.kind.{kind}") → 'cli.kind.')."""
    keys: set[str] = set()
    starts: set[str] = set()
    for path in (REPO / "kemi_cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("Said", "said") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
                elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                    starts.add(str(first.values[0].value))
    return keys, starts


def test_every_sentence_the_code_says_is_in_both_catalogues() -> None:
    keys, starts = said_keys_in_the_code()
    assert len(keys) > 80 and len(starts) > 10, (sorted(keys), sorted(starts))
    for lang in ("fi", "en"):
        labels = catalogue(lang)
        assert sorted(key for key in keys if key not in labels) == [], lang
        assert sorted(start for start in starts if not any(label.startswith(start) for label in labels)) == [], lang


def test_the_cli_catalogue_has_the_same_sentences_and_placeholders_in_both_languages() -> None:
    fi, en = catalogue("fi"), catalogue("en")
    cli_fi = {key for key in fi if key.startswith("cli.")}
    cli_en = {key for key in en if key.startswith("cli.")}
    assert cli_fi == cli_en and len(cli_fi) > 100
    placeholders = re.compile(r"\{(\w*)\}")
    for key in cli_fi:
        assert sorted(placeholders.findall(fi[key])) == sorted(placeholders.findall(en[key])), key
    assert (CHECKOUT_TEMPLATES / "messages" / "fi.yaml").is_file()
