"""A build's steps on every core: each task in a process forked from the build.

The steps are closures over the contexts the build computed; a forked process inherits them, so
nothing crosses between processes but a task's step numbers and the paths it wrote. Every step
writes its own file, so the output is the same whichever process runs it and in whatever order.

A heavy step (a PDF) is a task of its own in a process of its own: WeasyPrint's memory goes
back to the system after each document instead of growing from one to the next. The many
small pages go in a few batches, so that the cost of a new process is paid a few times, not
once per page.

The order is chosen for the wall clock and the memory together:
- the light batches start first, so that the cores have work while the build imports the PDF
  renderer and writes out the documents' HTML;
- then the documents, the longest first (its HTML's length measures it), so that the cores
  finish together;
- and no more HTML is laid out at once than MAX_LAYOUT_AT_ONCE: WeasyPrint holds about half a
  kilobyte per character of HTML until the PDF is written (808 MB for the 1.66 million
  characters of all project cards at 10× the data), so two large documents side by side would
  need more memory than a build may take; the other core renders the smaller ones meanwhile.

Processes are forked by this (the only) thread, so none inherits a lock another thread held.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from ..errors import KemiError
from ..wording import Said

BATCHES_PER_JOB = 2
# Characters of HTML laid out by WeasyPrint at the same time, in all processes together (see above).
MAX_LAYOUT_AT_ONCE = 2_500_000


class Step(Protocol):
    description: str
    heavy: bool

    def run(self) -> list[Any]: ...

    def weigh(self) -> int: ...


# The steps of the build being run; set before the processes are forked, which inherit it.
_steps: Sequence[Step] = ()


def default_jobs() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_step(step: Step) -> list[Any]:
    """The step's files; a failure names the document first."""
    with _named(step):
        return step.run()


def weigh_step(step: Step) -> int:
    """The step's weight (its HTML made, see Task); a failure names the document first."""
    with _named(step):
        return step.weigh()


@contextmanager
def _named(step: Step) -> Iterator[None]:
    try:
        yield
    except KemiError as error:
        if not error.finding and not error.message.startswith(step.description):
            # The document's name before the reason, in whichever language the reason is said.
            said = Said("cli.value_problem", what=step.description, problem=error.sentence)
            error.said, error.message = said, str(said)
            error.args = (said,)
        raise


@dataclass(frozen=True)
class Task:
    indexes: tuple[int, ...]
    weight: int = 0  # characters of HTML to lay out; 0 for pages written without WeasyPrint


def light_batches(steps: Sequence[Step], jobs: int) -> list[Task]:
    """The light steps in a few batches (BATCHES_PER_JOB per process)."""
    light = [i for i, step in enumerate(steps) if not step.heavy]
    size = max(1, -(-len(light) // (jobs * BATCHES_PER_JOB)))
    return [Task(tuple(light[start:start + size])) for start in range(0, len(light), size)]


def heavy_tasks(steps: Sequence[Step]) -> list[Task]:
    """One task per heavy step, the heaviest first (ties in the steps' order)."""
    tasks = [Task((i,), weigh_step(step)) for i, step in enumerate(steps) if step.heavy]
    return sorted(tasks, key=lambda task: -task.weight)


def next_task(pending: list[Task], running: Sequence[Task]) -> Task | None:
    """The first pending task that keeps the HTML laid out at once within MAX_LAYOUT_AT_ONCE
    (any task when nothing runs, so that a document larger than that still gets rendered)."""
    laid_out = sum(task.weight for task in running)
    for position, task in enumerate(pending):
        if not running or laid_out + task.weight <= MAX_LAYOUT_AT_ONCE:
            return pending.pop(position)
    return None


def _run_task(task: Task, results: Connection) -> None:
    """In the forked process: run the task's steps, send back their files or the failure."""
    try:
        outcome: tuple[str, Any] = ("done", [(index, run_step(_steps[index])) for index in task.indexes])
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the build
        outcome = ("failed", _sendable(error))
    try:
        results.send(outcome)
    except OSError:
        pass  # the build has ended (interrupted): nobody is left to tell
    results.close()


def _sendable(error: BaseException) -> BaseException:
    """The error itself when it survives the trip between processes, else its words."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any error that cannot be pickled is sent as its text
        return KemiError(str(error) or type(error).__name__)
    return error


@dataclass
class _Running:
    task: Task
    process: multiprocessing.process.BaseProcess
    results: Connection


class _Processes:
    """The tasks running now, each in a process forked for it."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.context = multiprocessing.get_context("fork")
        self.running: list[_Running] = []

    def has_room(self) -> bool:
        return len(self.running) < self.jobs

    def tasks(self) -> list[Task]:
        return [entry.task for entry in self.running]

    def start(self, task: Task) -> None:
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_run_task, args=(task, send), daemon=True)
        process.start()
        send.close()
        self.running.append(_Running(task, process, receive))

    def finished(self) -> list[tuple[int, list[Any]]]:
        """The files of the next tasks to end (waits for one); a failed task raises its error."""
        ready = wait([entry.results for entry in self.running])
        done: list[tuple[int, list[Any]]] = []
        for entry in [entry for entry in self.running if entry.results in ready]:
            self.running.remove(entry)
            try:
                status, payload = entry.results.recv()
            except EOFError:
                entry.process.join()
                document = _steps[entry.task.indexes[0]].description
                raise KemiError(Said("cli.build_worker_lost", document=document, code=entry.process.exitcode)) from None
            finally:
                entry.results.close()
            entry.process.join()
            if status == "failed":
                raise payload
            done += payload
        return done

    def stop(self) -> None:
        for entry in self.running:
            entry.process.terminate()
        for entry in self.running:
            entry.process.join()
            entry.results.close()
        self.running = []


def run_in_workers(steps: Sequence[Step], jobs: int, on_step: Callable[[Step], None] | None = None,
                   prepare: Callable[[], None] | None = None) -> list[Any]:
    """Every step's files, in the steps' order, the steps run in at most `jobs` processes at
    once. `prepare` runs once, while the first light pages are written, before the documents
    start (imports their processes would otherwise each repeat)."""
    global _steps
    _steps = steps
    written: dict[int, list[Any]] = {}
    processes = _Processes(jobs)
    # What exists now is never traced again by the collector: a forked process then leaves
    # the build's objects untouched, shared with it instead of copied.
    gc.freeze()
    try:
        light = light_batches(steps, jobs)
        for batch in light[:jobs]:
            processes.start(batch)
        if prepare is not None:
            prepare()
        pending = heavy_tasks(steps) + light[jobs:]
        while pending or processes.running:
            while processes.has_room() and (task := next_task(pending, processes.tasks())) is not None:
                processes.start(task)
            for index, paths in processes.finished():
                written[index] = paths
                if on_step is not None:
                    on_step(steps[index])
    finally:
        processes.stop()
        gc.unfreeze()
        _steps = ()
    return [path for index in range(len(steps)) for path in written[index]]
