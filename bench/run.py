"""`make bench`: time kemi's commands as a person runs them, print a table, write BENCHMARKS.md.

Every figure is the median wall time of several runs of the real `kemi` in a fresh process,
with the peak memory (maximum resident set) of the slowest-growing run. The data:

- the shipped data (data/, copied to a scratch folder so that `kpi set` can write);
- the shipped data with ten years of actuals for every KPI, at its frequency (bench/generate.py);
- generated workspaces at 1×, 10× and 100× a large city (bench/generate.py, seeded).

`kemi build` is timed clean, again with nothing changed, and after one `kpi set` at shipped and
1× and 10× (--no-build-at-10 leaves 10× out), with the memory of all its processes and the files it wrote.

Everything is written under build/bench/ (never into data/). Each figure is printed beside its
target from issues 7 and 21; a run on a busy machine is slower, so the header says how busy it was.

    python bench/run.py [--runs 5] [--scales 1,10,100] [--no-build-at-10] [--out BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML

from bench.generate import LAST_PERIOD, with_history

BIN = Path(sys.executable).parent
KEMI = str(BIN / "kemi")
PYTHON = sys.executable
WORK = ROOT / "build" / "bench"
SET_PERIOD = "2026H1"
TODAY = "2026-03-01"  # KEMI_TODAY: the set period has begun, the report period has ended
OWNERS = 25  # the people a review asks for figures: sector directors, project owners, HR, finance
COLLECT_PERIOD = "2026H1"
COLLECT_DAY = "2026-08-20"  # the period under review has ended; its figures are due
MAX_GROWTH = 12.0  # 10× the data, at most 12× the time
MAX_PEAK_MB = 500
MAX_PDF_OVERHEAD = 1.3
GNU_TIME = "/usr/bin/time"
# pydantic imports most of itself (fields, types, its plugin loader) only when the first model
# is built, and rich its table code only when a table is printed, so the floor does both, with
# the collector at the kemi command's pace (kemi_cli.gc_pace, which imports nothing else).
STACK_FLOOR_LINES = (
    "import io, typer",
    "from kemi_cli.gc_pace import pace_garbage_collection",
    "pace_garbage_collection()",
    "from pydantic import BaseModel",
    "Model = type('Model', (BaseModel,), {'__annotations__': {'x': int}})",
    "Model(x=1)",
    "from rich.console import Console",
    "from rich.table import Table",
    "table = Table('a')",
    "table.add_row('1')",
    "Console(file=io.StringIO()).print(table)",
    "from ruamel.yaml import CParser",
    "from babel import Locale",
    "Locale.parse('fi').decimal_formats",
)
STACK_FLOOR = "; ".join(STACK_FLOOR_LINES)


@dataclass
class Row:
    case: str
    data: str
    seconds: float
    peak_mb: float
    runs: int
    target: str = ""
    ok: bool | None = None
    note: str = ""
    build: bool = False  # peak memory of every process of the command together


@dataclass
class Bench:
    runs: int
    rows: list[Row] = field(default_factory=list)

    def time(self, case: str, data: str, argv: list[str], *, limit: float | None = None, runs: int | None = None,
             reset: Path | None = None, env: dict[str, str] | None = None) -> Row:
        """Run `argv` `runs` times; the median wall time and the largest peak memory.
        `reset` is a file or folder put back (from its .orig copy) before each run, untimed."""
        times, peaks = [], []
        for _ in range(runs or self.runs):
            if reset is not None and reset.is_dir():
                shutil.rmtree(reset)
                shutil.copytree(reset.with_name(reset.name + ".orig"), reset)
            elif reset is not None:
                shutil.copyfile(reset.with_name(reset.name + ".orig"), reset)
            seconds, peak_kb = run_once(argv, env)
            times.append(seconds)
            peaks.append(peak_kb)
        row = Row(case, data, statistics.median(times), max(peaks) / 1024, len(times))
        if limit is not None:
            row.target, row.ok = f"< {limit:g} s", row.seconds < limit
        self.rows.append(row)
        print(f"  {case:<34} {data:<22} {row.seconds:7.3f} s {row.peak_mb:6.0f} MB  {row.target}", flush=True)
        return row

    def time_build(self, case: str, data: str, argv: list[str], before: Callable[[], None] | None, runs: int) -> Row:
        """`kemi build`'s median time, the peak of all its processes together, the files written."""
        times, written = [], []
        for _ in range(runs):
            if before is not None:
                before()
            seconds, _, stdout = run_tree(argv, sample=False)
            times.append(seconds)
            match = re.search(r"built (\d+) files .*\((\d+) unchanged\)", stdout)
            if match is None:
                raise SystemExit(f"kemi build said something else than its summary line: {stdout!r}")
            written.append(int(match[1]) - int(match[2]))
        # The memory in a run of its own: reading it from /proc slows the build (see PSS_INTERVAL).
        if before is not None:
            before()
        _, peak_kb, _ = run_tree(argv, sample=True)
        row = Row(f"kemi build, {case}", data, statistics.median(times), peak_kb / 1024, len(times),
                  note=f"{statistics.median(written):.0f} files written", build=True)
        self.rows.append(row)
        print(f"  {row.case:<34} {data:<22} {row.seconds:7.3f} s {row.peak_mb:6.0f} MB  {row.note}", flush=True)
        return row

    def find(self, case: str, data: str) -> Row:
        return next(r for r in self.rows if r.case == case and r.data == data)


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident kilobytes of one run; a failed run stops the benchmark.
    The peak is the command's own: a forked child's maximum resident set would count this
    process's memory too, so GNU time (a small process) runs the command when it is there."""
    full_env = {**os.environ, "KEMI_TODAY": TODAY, "COLUMNS": "120", "SOURCE_DATE_EPOCH": "1767225600", **(env or {})}
    timed = [GNU_TIME, "-f", "%M", *argv] if Path(GNU_TIME).exists() else argv
    start = time.perf_counter()
    process = subprocess.Popen(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=full_env, cwd=WORK)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} exited {process.returncode}:\n{stderr}")
    if timed is argv:
        return seconds, usage.ru_maxrss
    return seconds, int(stderr.strip().splitlines()[-1])


# Reading a process's proportional set size makes the kernel walk its page tables (11 ms for
# a 500 MB WeasyPrint worker) while the process waits. Read every 20 ms for three processes, that
# slowed a build on two cores by a third, and even read sparingly by a tenth on the shipped data:
# so a build's time is taken in runs that read nothing, and its memory in a run of its own. There
# the resident sizes (statm, microseconds) are read every RSS_INTERVAL, and the proportional sizes
# only when their sum could set a new peak (it never exceeds the resident sizes' sum), at most
# every PSS_INTERVAL.
RSS_INTERVAL = 0.02
PSS_INTERVAL = 0.1


def run_tree(argv: list[str], sample: bool) -> tuple[float, int, str]:
    """Wall seconds, the peak of the memory of the command and its worker processes together
    (when `sample`, from /proc, see PSS_INTERVAL; else 0), and its stdout."""
    # English on screen: the summary line is read for the files written.
    env = {**os.environ, "KEMI_TODAY": TODAY, "COLUMNS": "120", "KEMI_LANG": "en"}
    env.pop("SOURCE_DATE_EPOCH", None)  # kemi build dates each document by what it shows
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=WORK)
    peak, pss_read = 0, 0.0
    while sample and process.poll() is None:
        if tree_kb(process.pid, "rss") > peak and time.perf_counter() - pss_read >= PSS_INTERVAL:
            peak = max(peak, tree_kb(process.pid, "pss"))
            pss_read = time.perf_counter()
        time.sleep(RSS_INTERVAL)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    stdout, stderr = out.decode(), err.decode()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} exited {process.returncode}:\n{stderr}")
    return seconds, peak, stdout


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_kb(pid: int, measure: str) -> int:
    """Kilobytes of memory of a process and all its descendants (0 once it has ended): each one's
    resident set size ("rss"), or its proportional set size ("pss"), so that the pages a forked
    worker shares with the build count once."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            if measure == "pss":
                rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
            else:
                total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_KB
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def prepare_data(scales: list[int]) -> dict[str, Path]:
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    folders = {"shipped": WORK / "shipped"}
    shutil.copytree(ROOT / "data", folders["shipped"])
    folders["shipped + 10 y"] = with_history(ROOT / "data", WORK / "shipped-10y")
    for scale in scales:
        folder = WORK / f"generated-{scale}x"
        # In a process of its own, so that this one stays small (see run_once).
        subprocess.run([PYTHON, str(ROOT / "bench" / "generate.py"), str(folder), "--scale", str(scale)],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        folders[f"generated {scale}×"] = folder
    for folder in folders.values():
        kpis = folder / "kpis.yaml"
        shutil.copyfile(kpis, kpis.with_name("kpis.yaml.orig"))
    return folders


def first_kpi(folder: Path) -> str:
    kpis = YAML(typ="safe", pure=True).load((folder / "kpis.yaml").read_text(encoding="utf-8"))
    return str(kpis["groups"][0]["kpis"][0]["id"])


def kpi_set(folder: Path) -> list[str]:
    kpi = first_kpi(folder)
    return [KEMI, "kpi", "set", kpi, "1", "--period", SET_PERIOD, "--replace", "--by", "bench", "--data", str(folder)]


def report(folder: Path, fmt: str, tag: str) -> list[str]:
    out = WORK / "out" / f"{tag}.{fmt}"
    out.parent.mkdir(exist_ok=True)
    return [KEMI, "report", "half-year", "--period", LAST_PERIOD if "generated" in tag else "2025H2",
            "--format", fmt, "-o", str(out), "--data", str(folder)]


def run(args: argparse.Namespace) -> Bench:
    scales = [int(s) for s in args.scales.split(",") if s]
    bench = Bench(args.runs)
    print("preparing data under build/bench/ …", flush=True)
    folders = prepare_data(scales)
    shipped = folders["shipped"]

    print("start-up", flush=True)
    bench.time("python -c 'import pydantic'", "—", [PYTHON, "-c", "import pydantic"])
    # What every data command pays before kemi's own code runs: the CLI, a model, a printed
    # table, the YAML parser and a Babel locale. kemi kpi list minus this is kemi's own share.
    bench.time("python: the libraries kemi builds on", "—", [PYTHON, "-c", STACK_FLOOR])
    bench.time("kemi --help", "—", [KEMI, "--help"], limit=0.3)
    bench.time("kemi kpi list", "shipped", [KEMI, "kpi", "list", "--data", str(shipped)], limit=0.3)
    for name in ("shipped", "shipped + 10 y"):
        bench.time("kemi kpi set", name, kpi_set(folders[name]), limit=0.5, reset=folders[name] / "kpis.yaml")

    for name, folder in folders.items():
        if name == "shipped + 10 y":
            continue
        print(name, flush=True)
        heavy = name.endswith("100×")
        runs = max(1, min(args.runs, 3)) if heavy else None
        validate_limit = 5.0 if heavy else None
        tag = name.replace(" ", "-").replace("×", "x")
        if name.startswith("generated"):
            bench.time("kemi kpi set", name, kpi_set(folder), runs=runs, reset=folder / "kpis.yaml")
        bench.time("kemi validate", name, [KEMI, "validate", "--quiet", "--data", str(folder)], limit=validate_limit, runs=runs)
        bench.time("kemi report half-year md", name, report(folder, "md", tag), runs=runs)
        bench.time("kemi report half-year html", name, report(folder, "html", tag), limit=validate_limit, runs=runs)
        if heavy and args.skip_pdf_at_100:
            continue  # a PDF of some 450 pages: minutes of WeasyPrint; see README
        pdf = bench.time("kemi report half-year pdf", name, report(folder, "pdf", tag), runs=runs)
        alone = bench.time("WeasyPrint alone, same HTML", name,
                           [PYTHON, str(ROOT / "bench" / "weasyprint_alone.py"), str(WORK / "out" / f"{tag}.html"),
                            str(WORK / "out" / f"{tag}-alone.pdf")], runs=runs)
        ratio = pdf.seconds / alone.seconds
        pdf.target, pdf.ok, pdf.note = f"≤ {MAX_PDF_OVERHEAD:g}× WeasyPrint", ratio <= MAX_PDF_OVERHEAD, f"{ratio:.2f}× WeasyPrint alone"

    print("collection round", flush=True)
    collection, returned = prepare_collection(folders["shipped + 10 y"])
    data_name = f"shipped + 10 y, {OWNERS} owners"
    bench.time("kemi review requests", data_name, [KEMI, "review", "requests", "-o", str(WORK / "requests"), "--data", str(collection)],
               limit=3.0, env={"KEMI_TODAY": COLLECT_DAY})
    bench.time("kemi review collect", data_name, [KEMI, "review", "collect", *map(str, returned), "--data", str(collection)],
               limit=3.0, env={"KEMI_TODAY": COLLECT_DAY}, reset=collection)


    bench_builds(bench, folders, args)
    check_growth(bench, scales)
    for row in bench.rows:
        if row.peak_mb >= MAX_PEAK_MB and not row.build:
            row.ok, row.note = False, (row.note + f"; peak memory over {MAX_PEAK_MB} MB").lstrip("; ")
    return bench


def prepare_collection(source: Path) -> tuple[Path, list[Path]]:
    """A copy of `source` whose KPIs and project cards belong, in turn, to OWNERS synthetic owners
    (the shipped data names none yet), COLLECT_PERIOD under review, and every owner's workbook
    filled in as a person would (openpyxl): each KPI's latest value again (unless one is recorded already) with a comment, each
    project a little further with an update. The copy is kept as <folder>.orig, for each timed
    collect to start from."""
    from openpyxl import load_workbook

    folder = WORK / "collect" / "data"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.orig", ".*.lock"))
    shutil.copyfile(source / "kpis.yaml.orig", folder / "kpis.yaml")  # without the value kpi set's runs left
    yaml = YAML()
    kpis = yaml.load(folder / "kpis.yaml")
    for number, kpi in enumerate(kpi for group in kpis["groups"] for kpi in group["kpis"]):
        kpi["owner"] = _owner(number)
    yaml.dump(kpis, folder / "kpis.yaml")
    for number, card_file in enumerate(sorted((folder / "projects").glob("*.yaml"))):
        card = yaml.load(card_file)
        card["owner"] = _owner(number)
        yaml.dump(card, card_file)
    env = {**os.environ, "KEMI_TODAY": COLLECT_DAY}
    for argv in (["review", "open", COLLECT_PERIOD], ["review", "requests", "-o", str(WORK / "collect" / "returned")]):
        subprocess.run([KEMI, *argv, "--data", str(folder)], check=True, env=env, cwd=WORK, stdout=subprocess.DEVNULL)
    returned = sorted((WORK / "collect" / "returned").glob("*.xlsx"))
    for path in returned:
        book = load_workbook(path)
        if "Mittarit" in book.sheetnames:
            for row in book["Mittarit"].iter_rows(min_row=2):
                if row[8].value is None:  # a value recorded already comes filled in, to be confirmed
                    row[8].value = row[5].value if row[5].value is not None else row[3].value
                row[9].value = "Synteettinen kommentti."
        if "Projektit" in book.sheetnames:
            for row in book["Projektit"].iter_rows(min_row=2):
                row[4].value = "Käynnissä"
                row[5].value = min(100, (row[3].value or 0) + 10)
                row[6].value = "Synteettinen päivitys."
        book.save(path)
    shutil.copytree(folder, folder.with_name(folder.name + ".orig"))
    return folder, returned


def _owner(number: int) -> str:
    return f"Synteettinen omistaja {number % OWNERS + 1}"


# Issue 21's targets for `kemi build`: (data, case) → seconds; the after-edit one is relative.
BUILD_TARGETS = {("shipped", "clean"): 5.0, ("shipped", "no-op"): 1.0, ("generated 1×", "clean"): 8.0,
                 ("generated 10×", "clean"): 90.0}
BUILD_PEAK_MB = {"generated 1×": 500, "generated 10×": 1536}
BUILD_RUNS = 3


def bench_builds(bench: Bench, folders: dict[str, Path], args: argparse.Namespace) -> None:
    """`kemi build` clean (no output, no cache), again with nothing changed, and after one
    `kpi set` for 2026H1 (the site presents 2025H2). Memory is the peak of all the build's
    processes together (the workers included), sampled; files are those the build wrote."""
    names = ["shipped", "generated 1×"] + (["generated 10×"] if args.build_at_10 else [])
    for name in names:
        if name in folders:
            print(f"kemi build: {name}", flush=True)
            bench_build(bench, name, folders[name], 1 if name.endswith("10×") else min(args.runs, BUILD_RUNS))


def bench_build(bench: Bench, name: str, folder: Path, runs: int) -> None:
    out, cache = WORK / "site" / name.replace(" ", "-"), folder.parent / ".kemi-cache"
    argv = [KEMI, "build", "--data", str(folder), "--out", str(out)]
    kpis = folder / "kpis.yaml"

    def clean() -> None:
        shutil.copyfile(kpis.with_name("kpis.yaml.orig"), kpis)
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    def edited() -> None:
        shutil.copyfile(kpis.with_name("kpis.yaml.orig"), kpis)
        run_tree(argv, sample=False)  # the site of the data before the edit, untimed
        run_once(kpi_set(folder))

    rows = {case: bench.time_build(case, name, argv, before, runs)
            for case, before in (("clean", clean), ("no-op", None), ("after one kpi set", edited))}
    for case, row in rows.items():
        limit = rows["clean"].seconds / 3 if case == "after one kpi set" else BUILD_TARGETS.get((name, case))
        if limit is not None:
            row.target, row.ok = f"< {limit:.3g} s", row.seconds < limit
        peak = BUILD_PEAK_MB.get(name)
        if peak is not None and case == "clean":
            row.target += f", < {peak} MB"
            row.ok = bool(row.ok) and row.peak_mb < peak
    shutil.copyfile(kpis.with_name("kpis.yaml.orig"), kpis)


def check_growth(bench: Bench, scales: list[int]) -> None:
    """Each 10× step of the data may cost at most 12× the time (ratios of medians)."""
    for small, large in itertools.pairwise(scales):
        for case in ("kemi validate", "kemi report half-year md", "kemi report half-year html", "kemi report half-year pdf"):
            try:
                before, after = bench.find(case, f"generated {small}×"), bench.find(case, f"generated {large}×")
            except StopIteration:
                continue
            growth = after.seconds / before.seconds
            allowed = MAX_GROWTH * (large / small) / 10
            after.note = (after.note + f"; {growth:.1f}× the time of {small}× for {large // small}× the data").lstrip("; ")
            if growth > allowed:
                after.ok = False
            elif after.ok is None:
                after.ok = True
            if not after.target:
                after.target = f"growth ≤ {allowed:g}×"


def markdown(bench: Bench, seconds: float, load_before: tuple[float, float, float]) -> str:
    """The table with what it was measured on. The load before the run is the machine's other
    work; at the end it also counts the benchmark's own commands (about one busy core)."""
    load_after = os.getloadavg()
    busy = load_before[0] > 0.5 * (os.cpu_count() or 1)
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`bench/run.py`); do not edit by hand. Each figure is the median wall",
        "time of several runs of the real `kemi` command in a new process (so it includes Python's",
        "start-up), and the largest peak memory (maximum resident set) of those runs. Generated data comes",
        "from `bench/generate.py` (seeded, synthetic, written under `build/bench/`).",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        f"- Load average before the run: {_load(load_before)}; when it ended, with the benchmark's own"
        f" commands: {_load(load_after)}"
        + (" — the machine was busy with other work, so these figures are pessimistic" if busy else ""),
        (f"- Taken {dt.datetime.now().strftime('%Y-%m-%d')}, {bench.runs} runs per figure (at 100×: at most 3;"
        f" no PDF unless `--pdf-at-100`), whole run {seconds:.0f} s"),
        "- Data: *shipped* = `data/`; *shipped + 10 y* = the same with ten years of synthetic actuals (20 half-years, or 10 years for a KPI measured yearly) for",
        "  every KPI; *generated N×* = N × (20 projects, 3 sectors, 2 KPIs), each KPI with 40 half-years of",
        "  actuals and each project 4 updates (100× ≈ 2,000 projects, 200 KPIs, 8,000 actuals)",
        "",
        "| command | data | median | peak memory | target | met | note |",
        "| --- | --- | ---: | ---: | --- | :---: | --- |",
    ]
    for row in bench.rows:
        met = "" if row.ok is None else ("yes" if row.ok else "**no**")
        lines.append(f"| {row.case} | {row.data} | {row.seconds:.3f} s | {row.peak_mb:.0f} MB | {row.target} | {met} | {row.note} |")
    lines += ["", "Targets: start-up under 0.3 s (`--help`, `kpi list`) and 0.5 s (`kpi set`); the owners' workbooks",
              f"(`review requests`) and collecting them all back (`review collect`) for {OWNERS} owners under 3 s each; `validate` and",
              f"an HTML report at 100× under 5 s; each 10× of data at most {MAX_GROWTH:g}× the time; peak memory under",
              f"{MAX_PEAK_MB} MB; the PDF at most {MAX_PDF_OVERHEAD:g}× WeasyPrint's own time for the same HTML.", "",
              "`kemi build` (issue 21), with the default `--jobs` (one worker per core) and its cache: *clean* is",
              "a first build (no output folder, no `.kemi-cache/`); *no-op* the same build again; *after one kpi set*",
              "a build after `kemi kpi set` of a value for 2026H1 (the site presents 2025H2). Its peak memory is",
              "that of all the build's processes together (their proportional set sizes, so that memory a worker",
              "shares with the build counts once; sampled from /proc, see `PSS_INTERVAL`), and *files written*",
              "counts the files whose bytes changed. Targets: shipped clean under 5 s, no-op under 1 s, after one",
              "kpi set under a third of clean; 1× clean under 8 s and 500 MB; 10× clean under 90 s and 1.5 GB",
              "(`--no-build-at-10` leaves 10× out).", ""]
    return "\n".join(lines)


def _load(averages: tuple[float, float, float]) -> str:
    return " ".join(f"{a:.2f}" for a in averages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time kemi's commands; print a table and write BENCHMARKS.md.")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is kept); 100× uses at most 3")
    parser.add_argument("--scales", default="1,10,100", help="generated data scales, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="the Markdown file to write")
    parser.add_argument("--build-at-10", action=argparse.BooleanOptionalAction, default=True,
                        help="time `kemi build` on the 10× data too (a minute or two: 1,200 pages of PDF)")
    parser.add_argument("--pdf-at-100", dest="skip_pdf_at_100", action="store_false",
                        help="also render the PDF of the 100× data (takes many minutes and gigabytes)")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    started = time.perf_counter()
    bench = run(args)
    text = markdown(bench, time.perf_counter() - started, load_before)
    args.out.write_text(text, encoding="utf-8")
    print()
    print(text)
    missed = [r for r in bench.rows if r.ok is False]
    print(f"{len(missed)} target(s) missed" if missed else "every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
