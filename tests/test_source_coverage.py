"""Every statement of the strategy's source text is in the data files, in Finnish and in English.

The test reads the source text itself: a statement dropped from the data, or a new line in the
source that the data does not carry, fails here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from ruamel.yaml import YAML

from kemi_cli.validate import validate_workspace

from .conftest import SHIPPED_DATA, SOURCE_TEXT

# The source's typos, each corrected in the data with the source's spelling kept in a comment
# beside it (`# Source: "…" (typo of "…").`); test_every_typo_fix_keeps_the_source_spelling holds it.
TYPO_FIXES = {
    "reiluuutta": "reiluutta",
    "kestävyuden": "kestävyyden",
    "kestävyyssmittarit": "kestävyysmittarit",
    "juurrutuskuulttuurimuutos": "juurrutuskulttuurimuutos",
    "kestäväälle": "kestävälle",
    "tehtävänkuissa": "tehtävänkuvissa",
    "työnantajakuva kehittäminen": "työnantajakuvan kehittäminen",
    "ympäristoprojektit": "ympäristöprojektit",
    "kolmannensektorin": "kolmannen sektorin",
    "huoltosuhte": "huoltosuhde",
    "lappi brändiä": "lappi-brändiä",
    "vapaa-aika ja kulttuuripalveluiden": "vapaa-aika- ja kulttuuripalveluiden",
    "hyvinvointiprojektit: :": "hyvinvointiprojektit:",
    "elinvoima toimiala": "elinvoimatoimiala",
    "ympäristö toimiala": "ympäristötoimiala",
    "hyvinvointi toimiala": "hyvinvointitoimiala",
}

pytestmark = pytest.mark.skipif(not SOURCE_TEXT.exists(), reason="the strategy's source text is not beside the repository")


def normalise(text: str) -> str:
    text = text.casefold().replace("**", "").replace("”", '"').replace("“", '"')
    for wrong, right in TYPO_FIXES.items():
        text = text.replace(wrong, right)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .:;")


def texts(node: Any, language: str | None = None) -> list[str]:
    """Every string in a data tree; only one language's side of {fi, en} pairs when asked."""
    if isinstance(node, dict):
        if language and set(node) >= {"fi", "en"}:
            return [node[language]]
        return [t for value in node.values() for t in texts(value, language)]
    if isinstance(node, list):
        return [t for value in node for t in texts(value, language)]
    return [node] if isinstance(node, str) else []


def load_all() -> list[Any]:
    yaml = YAML(typ="safe", pure=True)
    files = [SHIPPED_DATA / "strategy.yaml", SHIPPED_DATA / "kpis.yaml", *sorted((SHIPPED_DATA / "projects").glob("*.yaml"))]
    return [yaml.load(path.read_text(encoding="utf-8")) for path in files]


def haystack(language: str | None) -> str:
    return "\n".join(normalise(t) for document in load_all() for t in texts(document, language))


def source_lines() -> list[str]:
    return SOURCE_TEXT.read_text(encoding="utf-8").splitlines()


def statements(start: str, end: str | None = None) -> list[str]:
    """The source's statements between two headings: one per line, long lines split into sentences,
    list markers and numbering removed, table rows (tab-separated) left to the KPI tests."""
    lines = source_lines()
    begin = next(i for i, line in enumerate(lines) if line.strip() == start)
    stop = next((i for i, line in enumerate(lines) if i > begin and line.strip() == end), len(lines)) if end else len(lines)
    found = []
    for line in lines[begin:stop]:
        line = re.sub(r"^\s*(?:-|•|\d+\.)\s*", "", line).strip()
        if not line or "\t" in line or line.lower() == "x":
            continue
        for sentence in re.split(r'(?<=[.!?])\s+(?=[A-ZÄÖÅ”"])', line):
            if normalise(sentence):
                found.append(sentence)
    return found


# Headings of the source that the data carries as its structure (a key, a list, a label of the
# report templates) rather than as text. Nothing else may be missing.
STRUCTURAL_HEADINGS = {
    "tavoitteet", "goals", "mission", "vision", "toimialojen projektit", "arjen roolimme",
    "yhteiset strategiset painopisteet ja kokonaisprojekti", "projekti 1", "projekti 2", "projekti 3",
    "sisäiset vahvuudet ja mahdollisuudet", "ulkoiset vahvuudet ja mahdollisuudet",
    "sisäiset heikkoudet ja uhat", "ulkoiset heikkoudet ja uhat",
}


def found_in(statement: str, text: str) -> bool:
    """A statement is found whole, or as the parts the data keeps apart (a name and its text,
    a Finnish heading and its English one, "Elinvoima toimiala" written as one word)."""
    wanted = normalise(statement.replace("”", ""))
    if not wanted or wanted in STRUCTURAL_HEADINGS or wanted in text or wanted.replace(" ", "") in text:
        return True
    for separator in ("**", ": ", " – ", "- "):
        parts = [normalise(p) for p in statement.split(separator) if normalise(p)]
        if len(parts) > 1 and all(found_in(part, text) for part in parts):
            return True
    return False


FINNISH_SECTIONS = [
    ("VISIO", "TOIMINTAYMPÄRISTÖN ANALYYSI"),
    ("TOIMINTAYMPÄRISTÖN ANALYYSI", None),
]


@pytest.mark.parametrize(("start", "end"), FINNISH_SECTIONS)
def test_every_finnish_statement_is_in_the_data(start: str, end: str | None) -> None:
    # The source's few English lines (Empowering Sea City Kemi …) are in the English side of the data.
    text = haystack("fi") + "\n" + haystack("en")
    missing = [s for s in statements(start, end) if not found_in(s, text)]
    assert not missing, f"{len(missing)} statements of the source are not in the data: {missing}"


def test_the_source_english_names_are_kept() -> None:
    english = haystack("en")
    for name in ["Empowering Sea City Kemi", "Kemi is calling", "Smart Kemi", "Caring Kemi", "Green Kemi"]:
        assert normalise(name) in english


def test_eleven_challenges_with_every_sub_point_in_order() -> None:
    lines = source_lines()
    start = next(i for i, line in enumerate(lines) if "voitettavat muutoshaasteet" in line)
    expected: list[tuple[str, list[str]]] = []
    for line in lines[start + 1 :]:
        if line.strip() == "TOIMINTAYMPÄRISTÖN ANALYYSI":
            break
        if match := re.match(r"^(\d+)\. (.+)$", line.strip()):
            expected.append((match.group(2), []))
        elif match := re.match(r"^\s*- (.+)$", line):
            expected[-1][1].append(match.group(1))
    assert len(expected) == 11

    strategy = validate_workspace(SHIPPED_DATA).workspace.strategy  # type: ignore[union-attr]
    assert [c.number for c in strategy.challenges] == list(range(1, 12))
    for (title, points), challenge in zip(expected, strategy.challenges, strict=True):
        assert normalise(challenge.title.fi) == normalise(title)
        assert [normalise(p.fi) for p in challenge.points] == [normalise(p) for p in points]
        assert all(p.en.strip() for p in challenge.points)


SWOT_HEADINGS = {
    "Sisäiset vahvuudet ja mahdollisuudet": "internal_strengths_opportunities",
    "Ulkoiset vahvuudet ja mahdollisuudet": "external_strengths_opportunities",
    "Sisäiset heikkoudet ja uhat": "internal_weaknesses_threats",
    "Ulkoiset heikkoudet ja uhat": "external_weaknesses_threats",
}


def test_swot_has_every_item_in_its_group() -> None:
    groups: dict[str, list[str]] = {}
    current = None
    for line in source_lines():
        text = line.strip()
        if text in SWOT_HEADINGS:
            current = SWOT_HEADINGS[text]
            groups[current] = []
        elif current and text:
            groups[current].append(text)
    strategy = validate_workspace(SHIPPED_DATA).workspace.strategy  # type: ignore[union-attr]
    for field, items in groups.items():
        in_data = getattr(strategy.swot, field)
        assert [normalise(t.fi) for t in in_data] == [normalise(t) for t in items], field
        assert all(t.en.strip() for t in in_data)


def test_every_project_of_the_source_has_a_card() -> None:
    lines = source_lines()
    begin = lines.index("TOIMIALOJEN PROJEKTIT")
    end = lines.index("VIESTINTÄ VETOVOIMAKSI")
    project_lines = [line[2:].strip() for line in lines[begin:end] if line.startswith("- ")]
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    cards = {
        pid: normalise(" ".join([p.name.fi, p.description.fi if p.description else ""]))
        for pid, p in workspace.projects.items()
    }
    for line in project_lines:
        matches = [pid for pid, text in cards.items() if normalise(line) in text or normalise(line.split(":")[-1]) in text]
        assert matches, f"no project card for: {line}"
    # Oulu 2026 is listed under all three sectors but is one project, linked to all three.
    oulu = [pid for pid, text in cards.items() if "oulu 2026" in text]
    assert oulu == ["oulu_2026"]
    assert sorted(workspace.projects["oulu_2026"].sectors) == ["elinvoima", "hyvinvointi", "ymparisto"]
    for sector in workspace.strategy.sectors:
        assert "oulu_2026" in sector.projects


# The indicator column of the source's table "KESKEISET MITTARIT", one name each.
SOURCE_INDICATORS = [
    "Asukkaiden määrä", "Yritysten määrä", "Yöpymisten määrä", "Ylijäämä/alijäämä", "Asiakastyytyväisyys",
    "Yrittäjien kokemus", "Työtyytyväisyys", "Poissaolo-%", "Koulutuksiin osallistumisten määrä",
    "Rakennetyöttömien määrä", "Työttömyys-%", "Työllisyysaste", "Aktivointiaste", "Tea-viisari", "Having",
    "Loving", "Being", "hyte-kerroin", "Kouluterveyskysely", "Move!", "lukion yo-tutkinnon ka",
]


def test_every_indicator_of_the_source_table_is_a_kpi() -> None:
    table = "\n".join(line for line in source_lines() if "\t" in line)
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    kpi_texts = [normalise(" ".join([k.name.fi, k.source_text or ""])) for k in workspace.kpis]
    for indicator in SOURCE_INDICATORS:
        assert indicator in table, f"'{indicator}' is not in the source table (fix the test's list)"
        assert any(normalise(indicator) in text for text in kpi_texts), f"no KPI for '{indicator}'"
    for kpi in workspace.kpis:
        assert kpi.name.fi.strip() and kpi.name.en.strip()
        assert kpi.actuals == []  # the shipped data records no actuals: the source gives none


# Names the source spells otherwise than the body that owns them: the documents use the owner's
# spelling, the source's stays in source_text. (THL runs TEAviisari and writes it so.)
OFFICIAL_NAMES = {"tea_viisari": ("TEAviisari", "Tea-viisari")}


def test_names_are_written_as_their_owners_write_them(cli) -> None:
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    for kpi_id, (official, as_in_source) in OFFICIAL_NAMES.items():
        kpi = workspace.kpi(kpi_id)
        assert kpi is not None and kpi.name.fi == official and as_in_source in (kpi.source_text or "")
    for report in (["strategy"], ["annual", "--year", "2025"]):
        result = cli("report", *report, "--lang", "fi", "--data", str(SHIPPED_DATA), "-o", "-")
        assert result.exit_code == 0, result.output
        for official, as_in_source in OFFICIAL_NAMES.values():
            assert official in result.stdout and as_in_source not in result.stdout


def test_every_benefit_of_the_source_table_is_a_group() -> None:
    lines = source_lines()
    table = lines[lines.index("KESKEISET MITTARIT") : lines.index("TOTEUTUS JA SEURANTA")]
    rows = [line.split("\t") for line in table if "\t" in line][1:]
    benefits = [row[0] for row in rows if row[0].strip()]
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    group_texts = [normalise(g.benefit.fi) for g in workspace.kpis_file.groups]
    assert len(group_texts) == len(benefits)
    for benefit, group in zip(benefits, group_texts, strict=True):
        words = [w for w in re.findall(r"\w+", normalise(benefit))]
        assert all(w in group for w in words), (benefit, group)


def test_certain_values_are_recorded_and_uncertain_ones_left_empty() -> None:
    """One rule for the table's rows: a figure is recorded only where the row gives one figure per
    indicator; the customer row (one pair for two indicators) and the wellbeing row (seven and four
    figures for eight indicators or more) record none, and leave the reading to be confirmed."""
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    expected = {
        "asukkaat": (19400, 19400), "yritykset": (927, 930), "yopymiset": (100000, 100000),
        "tilikauden_tulos": (None, 2), "kertynyt_alijaama": (18.9, None),
        "asiakastyytyvaisyys": (None, None), "yrittajakokemus": (None, None),
        "tyotyytyvaisyys": (1.91, 1.85), "poissaolot": (6, 4), "koulutuspaivat": (2.5, 3),
        "rakennetyottomat": (666, 599), "tyottomyysaste": (13.5, 13.0), "tyollisyysaste": (64, 66),
        "aktivointiaste": (34, 37), "tea_viisari": (None, None), "yo_keskiarvo": (None, None),
        "hyvinvointi_having": (None, None), "hyvinvointi_loving": (None, None), "hyvinvointi_being": (None, None),
        "hyte_kerroin": (None, None), "kouluterveyskysely": (None, None), "move_mittaristo": (None, None),
    }
    assert {k.id for k in workspace.kpis} == set(expected)
    for kpi in workspace.kpis:
        assert (kpi.baseline.value, kpi.target.value) == expected[kpi.id], kpi.id
    tulos = workspace.kpi("tilikauden_tulos")
    assert tulos is not None and tulos.target.period == "every_year" and tulos.target.comparator == ">"
    for group_id in ("asiakaskokemus", "hyvinvointi"):
        group = next(g for g in workspace.kpis_file.groups if g.id == group_id)
        for kpi in group.kpis:
            assert {"baseline", "target"} <= set(kpi.needs_confirmation), kpi.id
            assert kpi.note is not None and kpi.source_text, kpi.id


def source_table_text() -> str:
    """The source text as a source_text quotes it: a table's cells separated by ' | ', every run of
    white space one space."""
    return re.sub(r"\s+", " ", SOURCE_TEXT.read_text(encoding="utf-8").replace("\t", " | "))


def test_every_source_text_is_a_quote_of_the_source() -> None:
    source = source_table_text()
    rows = [re.sub(r"\s+", " ", line.strip("\t").replace("\t", " | ")) for line in source_lines() if "\t" in line]
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    for kpi in workspace.kpis:
        assert kpi.source_text, f"KPI '{kpi.id}' has no source_text"
        quoted = re.sub(r"\s+", " ", kpi.source_text).strip()
        assert quoted in source, f"KPI '{kpi.id}': source_text is not in the source: {quoted!r}"
        assert quoted in rows, f"KPI '{kpi.id}': source_text is not a whole row of the indicator table"


def written_in(value: float, text: str) -> bool:
    """Whether a number is written in a text the Finnish way, as a whole number of its own: a
    decimal comma ("13,0", "1,91"), digit groups after a space or none ("100 000", "19400")."""
    forms = {f"{value:g}".replace(".", ",")}
    if float(value).is_integer():
        forms |= {f"{int(value)},0", f"{int(value):,}".replace(",", " ")}
    return any(re.search(rf"(?<![\d,]){re.escape(form)}(?!\d|,\d)", text) for form in forms)


def test_numbers_are_found_as_the_source_writes_them() -> None:
    row = "19400 927 100 000 | 1,91 6% 2,5 | 599 13,0 | 3/5 | yli 2 milj. €"
    for value in (19400, 927, 100000, 1.91, 6, 2.5, 13.0, 3, 5, 2):
        assert written_in(value, row), value
    for value in (1.9, 9, 4.1, 19, 27, 1, 91, 30):
        assert not written_in(value, row), value


def test_no_kpi_has_a_figure_its_source_text_does_not_contain() -> None:
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    for kpi in workspace.kpis:
        for part in ("baseline", "target"):
            value = getattr(kpi, part).value
            assert value is None or written_in(value, kpi.source_text or ""), f"KPI '{kpi.id}': {part} {value} is not in its source_text"


def test_a_figure_awaiting_confirmation_is_not_recorded() -> None:
    """The candidates for an unclear figure are in the note, never in the value."""
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    for kpi in workspace.kpis:
        for part in ("baseline", "target"):
            if part in kpi.needs_confirmation:
                assert getattr(kpi, part).value is None, f"KPI '{kpi.id}': {part} awaits confirmation yet holds a figure"


# Indicators whose own name makes their data source certain; any other source is a suggestion.
CERTAIN_SOURCES = {
    "tilikauden_tulos": "tilinpäätös", "kertynyt_alijaama": "tilinpäätös", "tea_viisari": "teaviisari",
    "kouluterveyskysely": "kouluterveyskysely", "move_mittaristo": "move!", "yo_keskiarvo": "ylioppilastutkinto",
}


def test_a_data_source_is_named_only_where_it_is_certain() -> None:
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    for kpi in workspace.kpis:
        if kpi.id in CERTAIN_SOURCES:
            assert kpi.data_source is not None and CERTAIN_SOURCES[kpi.id] in normalise(kpi.data_source.fi), kpi.id
            assert "data_source" not in kpi.needs_confirmation
        else:
            assert kpi.data_source is None, f"KPI '{kpi.id}' names a source the strategy does not name"
            assert "data_source" in kpi.needs_confirmation and kpi.note is not None, kpi.id


def test_a_kpi_serves_an_objective_only_where_its_benefit_is_worded_as_it() -> None:
    """The source ties no indicator to a goal or to the vision; a benefit worded as a strategic
    objective ("Talous paranee") ties its row's indicators to it. Other links are candidates."""
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    objectives = {o.id: normalise(o.name.fi) for o in workspace.strategy.objectives}
    for group in workspace.kpis_file.groups:
        for kpi in group.kpis:
            for served in kpi.serves:
                assert served in objectives and objectives[served] in normalise(group.benefit.fi), (kpi.id, served)
                assert objectives[served] in normalise(kpi.source_text or ""), (kpi.id, served)


def test_a_card_serves_a_goal_only_where_the_source_names_it_under_the_goal() -> None:
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    for project in workspace.projects.values():
        for goal_id in project.goals:
            goal = workspace.goal(goal_id)
            assert goal is not None
            assert normalise(goal.name.fi) in normalise(project.name.fi), (project.id, goal_id)
            assert any(normalise(project.description.fi if project.description else "") in normalise(t.fi) for t in goal.text)


def test_a_card_name_takes_its_words_from_the_source() -> None:
    """A short name drops words of the source's line but adds none ("Katujen asfaltointi" for
    "Katujen asfalttipintojen peruskorjaus" fails). A word is compared by its first seven letters,
    as Finnish inflection changes a word's ending ("maankäyttö", "maankäytössä")."""
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    for project in workspace.projects.values():
        assert project.description is not None, project.id
        line = normalise(project.description.fi)
        for word in re.findall(r"[\w/!–-]+", normalise(project.name.fi)):
            assert word.strip("-–")[:7] in line, f"project '{project.id}': '{word}' of its name is not in the source line"


def test_every_typo_fix_keeps_the_source_spelling() -> None:
    comments, values = [], []
    for path in [SHIPPED_DATA / "strategy.yaml", SHIPPED_DATA / "kpis.yaml", *sorted((SHIPPED_DATA / "projects").glob("*.yaml"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            (comments if line.lstrip().startswith("#") else values).append(line.casefold())
    source = SOURCE_TEXT.read_text(encoding="utf-8").casefold()
    for wrong, right in TYPO_FIXES.items():
        assert wrong in re.sub(r"\s+", " ", source), f"'{wrong}' is not in the source (fix the test's list)"
        assert any('source: "' in c and wrong in c and f'"{right}"' in c or ('source: "' in c and wrong in c) for c in comments), wrong
        assert not any(wrong in v for v in values), f"the source's typo '{wrong}' is in the data"


def test_every_assumption_and_suggestion_reaches_validate_as_a_warning() -> None:
    result = validate_workspace(SHIPPED_DATA)
    assert result.workspace is not None
    warnings = [w.message for w in result.warnings]
    expected = [("the strategy period", name) for name in result.workspace.strategy.period.needs_confirmation]
    expected += [(f"KPI '{k.id}'", name) for k in result.workspace.kpis for name in k.needs_confirmation]
    expected += [(f"project '{p.id}'", name) for p in result.workspace.projects.values() for name in p.needs_confirmation]
    assert len(expected) > 60  # the period, most indicators and four cards
    for subject, name in expected:
        assert any(m.startswith(f"{subject}: {name} to be confirmed (") for m in warnings), (subject, name)
    # An empty optional field that awaits confirmation says so in the note: its candidates are there.
    for kpi in result.workspace.kpis:
        assert not kpi.needs_confirmation or kpi.note is not None, kpi.id
    for project in result.workspace.projects.values():
        assert not project.needs_confirmation or project.note is not None, project.id
        assert "goals" not in project.needs_confirmation or not project.goals, project.id


def test_strategy_parts_named_by_the_design_are_there() -> None:
    workspace = validate_workspace(SHIPPED_DATA).workspace
    assert workspace is not None
    strategy = workspace.strategy
    assert [g.id for g in strategy.goals] == ["viisas", "valittava", "vihrea"]
    assert [[f.fi for f in g.focus_areas] for g in strategy.goals] == [
        ["Ideoiva toimintatapa", "Prosessien virtaviivaistaminen", "Oppiva Kemi"],
        ["Palvelukokemus", "Hyvinvointi", "Vastuunkanto"],
        ["Vihreä Kemi -juurrutus"],
    ]
    assert [o.name.fi for o in strategy.objectives] == [
        "Talous paranee", "Asiakaskokemus paranee", "Henkilöstökokemus paranee", "Kestävyysmittarit paranevat",
    ]
    assert [s.id for s in strategy.sectors] == ["elinvoima", "ymparisto", "hyvinvointi"]
    assert strategy.vision.motto is not None and strategy.vision.motto.fi == "Kemistä oon ja kehtaan sanua."
    assert [c.id for c in strategy.implementation.reporting_cycles] == ["half_year", "financial_statements", "per_project"]
    assert [t.goal for t in strategy.strategy_in_practice.themes] == ["viisas", "valittava", "vihrea"]
    assert all(len(t.steps) == 3 for t in strategy.strategy_in_practice.themes)
    assert strategy.period.note is not None  # the period is an assumption and says so
    assert strategy.period.needs_confirmation == ["start", "end"]
    assert len(strategy.project_card.columns) == 8
