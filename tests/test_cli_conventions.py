"""What every command shares: shell completion of ids from the data, --quiet and --verbose,
NO_COLOR, documented JSON keys, and the generated CLI reference."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer

from kemi_cli.cli import completion
from kemi_cli.cli.reference import REFERENCE_FILE, cli_reference, command_tree, walk_commands

from .conftest import REPO, tree_hashes

ENV = {"KEMI_TODAY": "2026-08-15", "KEMI_USER": "testi.kayttaja"}


# ---------------------------------------------------------------- completion


def complete_bash(run_kemi: Callable, words: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> list[str]:
    """A real completion round trip, as bash's completion function runs it."""
    parts = words.split(" ")
    result = run_kemi(
        env={"_KEMI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1), **(env or {})},
        cwd=cwd,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    return result.stdout.split()


def test_bash_completes_kpi_ids_from_the_data_on_the_line(run_kemi: Callable, data_dir: Path) -> None:
    ids = [kpi_id for kpi_id, _ in completion.kpi_ids(data_dir)]
    assert "asukkaat" in ids and len(ids) > 10
    offered = complete_bash(run_kemi, f"kemi kpi show --data {data_dir} a")
    assert offered == [i for i in ids if i.startswith("a")]


def test_completion_follows_kemi_data_and_a_renamed_project(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "projects" / "uimahalli.yaml").rename(data_dir / "projects" / "uusi_uimahalli.yaml")
    offered = complete_bash(run_kemi, "kemi report project u", env={"KEMI_DATA": str(data_dir)}, cwd=tmp_path)
    assert "uusi_uimahalli" in offered and "uimahalli" not in offered


def test_completion_of_a_missing_or_broken_folder_is_silent(run_kemi: Callable, data_dir: Path, tmp_path: Path) -> None:
    assert complete_bash(run_kemi, f"kemi kpi set --data {tmp_path / 'none'} a") == []
    (data_dir / "kpis.yaml").write_text("groups: [\n  - {id: : :\n", encoding="utf-8")
    assert complete_bash(run_kemi, f"kemi kpi show --data {data_dir} ") == []


def test_completion_callbacks_for_every_kind_of_id(data_dir: Path) -> None:
    ctx = typer.Context(command_tree())
    ctx.params["data"] = data_dir
    assert completion.complete_sector(ctx, "") == completion.sector_ids(data_dir)
    assert [v for v, _ in completion.complete_sector(ctx, "y")] == ["ymparisto"]
    assert [v for v, _ in completion.complete_goal(ctx, "vi")] == ["viisas", "vihrea"]
    assert ("visio", "") in completion.complete_servable(ctx, "vis")
    assert [v for v, _ in completion.complete_project(ctx, "uima")] == ["uimahalli"]
    assert next(v for v, _ in completion.complete_kpi_group(ctx, "")) == "vetovoima"
    assert dict(completion.complete_kpi(ctx, "asu"))["asukkaat"]  # the Finnish name as help
    assert completion.choices(("fi", "en"))("e") == ["en"]


def test_every_id_argument_and_option_completes() -> None:
    """Each argument or option that takes a KPI, project, sector, goal or group id has a
    completion; `kemi project new ID` names a new project, so there is nothing to complete."""
    takes_an_id = {"ID", "--sector", "--goal", "--group"}
    checked, missing = 0, []
    for names, command, _ctx in walk_commands():
        for param in getattr(command, "params", []):
            labels = {param.metavar or "", *param.opts}
            if not labels & takes_an_id or (names[1:] == ("project", "new") and "ID" in labels):
                continue
            checked += 1
            if param._custom_shell_complete is None:  # where typer keeps an autocompletion callback
                missing.append(f"{' '.join(names)} {sorted(labels - {''})}")
    assert checked >= 12
    assert missing == []


# ---------------------------------------------------------------- --quiet, --verbose, NO_COLOR


def test_quiet_drops_confirmations_and_verbose_adds_details(run_kemi: Callable, data_dir: Path) -> None:
    quiet = run_kemi("--quiet", "kpi", "set", "asukkaat", "19420", "--period", "2025H2", "--data", str(data_dir), env=ENV)
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")
    verbose = run_kemi("-v", "kpi", "set", "yritykset", "925", "--period", "2025H2", "--data", str(data_dir), env=ENV)
    assert verbose.returncode == 0, verbose.stderr
    assert "925 recorded" in verbose.stdout
    assert f"kemi: data folder: {data_dir} (from --data)" in verbose.stderr
    assert re.search(r"kemi: done in \d+\.\d\d s", verbose.stderr)


def test_quiet_keeps_results_and_errors(run_kemi: Callable, data_dir: Path) -> None:
    listed = run_kemi("-q", "kpi", "list", "--json", "--data", str(data_dir), env=ENV)
    assert json.loads(listed.stdout)["kpis"]
    before = tree_hashes(data_dir)
    refused = run_kemi("-q", "kpi", "set", "asukaat", "1", "--data", str(data_dir), env=ENV)
    assert refused.returncode == 2 and "did you mean 'asukkaat'" in refused.stderr
    assert tree_hashes(data_dir) == before
    validated = run_kemi("--quiet", "validate", "--data", str(data_dir))
    assert "warning" not in validated.stderr and validated.stdout.startswith("OK ")
    both = run_kemi("-q", "-v", "status", "--data", str(data_dir))
    assert both.returncode == 2 and "not both" in both.stderr


@pytest.mark.parametrize("args", [("kpi", "list"), ("status",), ("project", "list")])
def test_no_color_turns_colour_off(run_kemi: Callable, data_dir: Path, args: tuple[str, ...]) -> None:
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;)[0-9;]*m")
    forced = {**ENV, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}
    run_kemi("kpi", "set", "asukkaat", "19420", "--period", "2026H1", "--data", str(data_dir), env=ENV)  # a coloured status
    coloured = run_kemi(*args, "--data", str(data_dir), env={**forced, "NO_COLOR": ""})
    plain = run_kemi(*args, "--data", str(data_dir), env={**forced, "NO_COLOR": "1"})
    assert coloured.returncode == plain.returncode == 0
    if args == ("kpi", "list"):
        assert colour.search(coloured.stdout)  # the check below can fail
    assert not colour.search(plain.stdout)


# ---------------------------------------------------------------- JSON keys as documented


def documented_json_keys() -> dict[str, tuple[list[str], dict[str, list[str]]]]:
    """From the README's JSON table: command → (keys, {list key: keys of each item})."""
    table: dict[str, tuple[list[str], dict[str, list[str]]]] = {}
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `kemi ([a-z ]+?)(?: ID)? --json` \| (.*?) \| (.*?) \|$", line)
        if match:
            items = {
                part.split(":")[0].strip(): re.findall(r"`([a-z_]+)`", part.split(":", 1)[1])
                for part in match.group(3).split(";")
                if ":" in part and "as in the card" not in part
            }
            table[match.group(1)] = (re.findall(r"`([a-z_]+)`", match.group(2)), items)
    return table


def test_read_commands_print_the_documented_json_keys(run_kemi: Callable, data_dir: Path) -> None:
    run_kemi("kpi", "set", "asukkaat", "19420", "--period", "2025H2", "--data", str(data_dir), env=ENV)
    documented = documented_json_keys()
    assert set(documented) == {"validate", "kpi list", "kpi show", "project list", "project show", "status"}
    for command, (keys, items) in documented.items():
        args = command.split() + (["asukkaat"] if command == "kpi show" else ["uimahalli"] if command == "project show" else [])
        result = run_kemi(*args, "--json", "--data", str(data_dir), env=ENV)
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        if command == "kpi show":
            keys = documented["kpi list"][1]["kpis"] + keys
        if command == "project show":
            assert {"id", "name", "status", "updates", *keys} <= set(document), command
        else:
            assert list(document) == [k for k in keys if k in document] and set(keys) == set(document), command
        for list_key, item_keys in items.items():
            value = document[list_key]
            item = value[0] if isinstance(value, list) else value
            assert list(item) == item_keys, f"{command}: {list_key}"


# ---------------------------------------------------------------- the CLI reference


def test_committed_cli_reference_equals_a_fresh_generation(run_kemi: Callable, tmp_path: Path) -> None:
    result = run_kemi("cli-reference", "-o", str(tmp_path), env={"COLUMNS": "37"})
    assert result.returncode == 0, result.stderr
    fresh = (tmp_path / REFERENCE_FILE).read_text(encoding="utf-8")
    assert fresh == cli_reference()
    assert (REPO / "docs" / REFERENCE_FILE).read_text(encoding="utf-8") == fresh, (
        "docs/cli.md is stale: run `kemi cli-reference -o docs`"
    )


def test_every_command_has_help_that_ends_with_an_example() -> None:
    commands = list(walk_commands())
    assert len(commands) > 20
    for names, command, _ctx in commands:
        help_text = (command.help or "").strip()  # type: ignore[attr-defined]
        last_paragraph = help_text.split("\n\n")[-1]
        assert last_paragraph.startswith("Example: kemi "), f"{' '.join(names)}: help must end with 'Example: kemi …'"
        for param in getattr(command, "params", []):
            if not getattr(param, "hidden", False):
                assert getattr(param, "help", None), f"{' '.join(names)} {param.name}: no help"


def test_reference_lists_every_visible_command() -> None:
    reference = (REPO / "docs" / REFERENCE_FILE).read_text(encoding="utf-8")
    for names, _command, _ctx in walk_commands():
        assert f"## `{' '.join(names)}`" in reference
    assert "cli-reference" not in reference.split("Commands:")[1]
    assert "Exit codes: 0 success" in reference


def test_cli_reference_under_a_file_is_a_one_line_error(run_kemi: Callable, tmp_path: Path) -> None:
    (tmp_path / "tiedosto").write_text("x", encoding="utf-8")
    result = run_kemi("cli-reference", "-o", str(tmp_path / "tiedosto" / "docs"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("cannot write: a part of the path is a file, not a folder")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
