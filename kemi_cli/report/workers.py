"""A build's steps on every core: each in a worker process forked from the build.

The steps are closures over the contexts the build computed; a forked worker inherits them, so
nothing crosses between processes but a step's number and the paths it wrote. Every step writes
its own file, so the output is the same whichever worker runs it and in whatever order.

A heavy step (a PDF) is a task of its own, and every task gets a fresh worker
(`maxtasksperchild=1`): WeasyPrint's memory goes back to the system after each document instead
of growing from one to the next. The many small pages go in a few batches, so that the cost of a
new worker is paid a few times, not once per page.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ..errors import KemiError
from ..wording import Said

BATCHES_PER_JOB = 2


class Step(Protocol):
    description: str
    heavy: bool

    def run(self) -> list[Any]: ...


# The steps of the build being run; set before the workers are forked, which inherit it.
_steps: Sequence[Step] = ()


def default_jobs() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_step(step: Step) -> list[Any]:
    """The step's files; a failure names the document first."""
    try:
        return step.run()
    except KemiError as error:
        if not error.finding and not error.message.startswith(step.description):
            # The document's name before the reason, in whichever language the reason is said.
            said = Said("cli.value_problem", what=step.description, problem=error.said or error.message)
            error.said, error.message = said, str(said)
            error.args = (said,)
        raise


def _run_task(indexes: list[int]) -> list[tuple[int, list[Any]]]:
    return [(index, run_step(_steps[index])) for index in indexes]


def tasks(steps: Sequence[Step], jobs: int) -> list[list[int]]:
    """Heavy steps one per task, first (the longest start first, so that the cores finish
    together); the light ones in a few batches after them."""
    heavy = [[i] for i, step in enumerate(steps) if step.heavy]
    light = [i for i, step in enumerate(steps) if not step.heavy]
    size = max(1, -(-len(light) // (jobs * BATCHES_PER_JOB)))
    return heavy + [light[start:start + size] for start in range(0, len(light), size)]


def run_in_workers(steps: Sequence[Step], jobs: int, on_step: Callable[[Step], None] | None = None,
                   prepare: Callable[[], None] | None = None) -> list[Any]:
    """Every step's files, in the steps' order, the steps run by `jobs` worker processes.
    `prepare` runs once before the workers start (imports they would otherwise each repeat)."""
    global _steps
    if prepare is not None:
        prepare()
    _steps = steps
    written: dict[int, list[Any]] = {}
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs, maxtasksperchild=1) as pool:
            for results in pool.imap_unordered(_run_task, tasks(steps, jobs)):
                for index, paths in results:
                    written[index] = paths
                    if on_step is not None:
                        on_step(steps[index])
    finally:
        _steps = ()
    return [path for index in range(len(steps)) for path in written[index]]
