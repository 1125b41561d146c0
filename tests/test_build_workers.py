"""The build's scheduler (kemi_cli.report.workers): the documents longest first, never more HTML
laid out at once than the memory allows, and every failure of a worker process reported as one
line naming its document, with no process left behind."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kemi_cli.errors import KemiError
from kemi_cli.report import workers
from kemi_cli.report.workers import MAX_LAYOUT_AT_ONCE, Task, heavy_tasks, light_batches, next_task, run_in_workers


@dataclass
class FakeStep:
    description: str
    run: Callable[[], list[Any]]
    heavy: bool = False
    weight: int = 0
    weighed: list[str] = field(default_factory=list)

    def weigh(self) -> int:
        self.weighed.append(self.description)
        return self.weight


def writer(path: Path) -> Callable[[], list[Any]]:
    def run() -> list[Any]:
        path.write_text(f"{os.getpid()}\n", encoding="utf-8")
        return [path.name]

    return run


def test_documents_run_longest_first_and_only_documents_are_weighed() -> None:
    steps = [FakeStep("page", list, weight=99),
             FakeStep("small.pdf", list, heavy=True, weight=10),
             FakeStep("large.pdf", list, heavy=True, weight=500),
             FakeStep("middle.pdf", list, heavy=True, weight=200)]
    assert [task.indexes for task in heavy_tasks(steps)] == [(2,), (3,), (1,)]
    assert steps[0].weighed == []


def test_light_steps_go_in_two_batches_per_process() -> None:
    steps = [FakeStep(f"page {i}", list) for i in range(9)] + [FakeStep("a.pdf", list, heavy=True)]
    batches = light_batches(steps, jobs=2)
    assert [task.indexes for task in batches] == [(0, 1, 2), (3, 4, 5), (6, 7, 8)]
    assert all(task.weight == 0 for task in batches)


def test_a_document_waits_while_it_would_take_the_layout_over_the_limit() -> None:
    large, also_large, small = Task((0,), MAX_LAYOUT_AT_ONCE - 100), Task((1,), MAX_LAYOUT_AT_ONCE - 100), Task((2,), 100)
    pending = [also_large, small]
    # The second large one would double what is laid out: the small one goes beside the first.
    assert next_task(pending, [large]) == small
    assert next_task(pending, [large, small]) is None
    assert pending == [also_large]
    # Alone, even a document larger than the limit is rendered.
    huge = Task((3,), 3 * MAX_LAYOUT_AT_ONCE)
    assert next_task([huge], []) == huge


def test_every_step_runs_once_in_a_process_of_its_own_and_the_files_come_in_step_order(tmp_path: Path) -> None:
    steps = [FakeStep(f"page-{i}.html", writer(tmp_path / f"page-{i}.html")) for i in range(6)]
    steps += [FakeStep(f"doc-{i}.pdf", writer(tmp_path / f"doc-{i}.pdf"), heavy=True, weight=i) for i in range(3)]
    prepared: list[int] = []
    seen: list[str] = []
    files = run_in_workers(steps, 2, on_step=lambda step: seen.append(step.description), prepare=lambda: prepared.append(1))
    assert files == [step.description for step in steps]
    assert sorted(seen) == sorted(files) and prepared == [1]
    pids = {(tmp_path / name).read_text(encoding="utf-8") for name in files}
    assert str(os.getpid()) + "\n" not in pids
    # Each document had a process of its own; the six pages shared two or three.
    assert len(pids) >= 3 + 2


def test_a_failing_document_is_named_and_stops_the_others(tmp_path: Path) -> None:
    started = tmp_path / "slow-started"

    def fail() -> list[Any]:
        deadline = time.monotonic() + 30
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise KemiError("template 'annual.html.j2' is broken")

    def slow() -> list[Any]:
        started.with_suffix(".tmp").write_text(str(os.getpid()), encoding="utf-8")
        started.with_suffix(".tmp").rename(started)
        time.sleep(60)
        return []

    steps = [FakeStep("slow.pdf", slow, heavy=True, weight=10), FakeStep("annual-2025-fi.pdf", fail, heavy=True, weight=1)]
    with pytest.raises(KemiError, match=r"^annual-2025-fi\.pdf: template 'annual\.html\.j2' is broken$"):
        run_in_workers(steps, 2)
    slow_pid = int(started.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):
        os.kill(slow_pid, 0)


def test_a_worker_that_dies_is_reported_as_one_line(tmp_path: Path) -> None:
    steps = [FakeStep("project-all-en.pdf", lambda: os._exit(9), heavy=True, weight=1)]
    with pytest.raises(KemiError, match=r"^project-all-en\.pdf: the process rendering it ended without a result \(exit code 9\); is the machine short of memory\?$"):
        run_in_workers(steps, 2)


def test_a_document_whose_html_fails_is_named_before_any_is_rendered(tmp_path: Path) -> None:
    class Broken(FakeStep):
        def weigh(self) -> int:
            raise KemiError("template 'half_year.html.j2': 'no_such' is undefined")

    steps = [FakeStep("page.html", writer(tmp_path / "page.html")), Broken("half-year-2025H2-en.pdf", list, heavy=True)]
    with pytest.raises(KemiError, match=r"^half-year-2025H2-en\.pdf: template"):
        run_in_workers(steps, 2)
    assert workers._steps == ()
