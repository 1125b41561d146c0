"""The owners' workbooks for the period under review: who gets which indicators and projects, the
form of each workbook (owner_forms), its file name, and the mail-merge table of who owes what.

Pure functions over a validated workspace: `kemi review requests` writes what they return, and
`kemi review collect` makes the same forms again to read the returned workbooks against them.
A workbook lists every indicator its owner answers for and every project of theirs still open at
the start of the period, not only what is missing today, so that the form made again at
collection is the form that was sent, however much has been recorded in between.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .overview import CLOSED_STATUSES, project_order, project_status
from .owner_forms import owner_form
from .owners import Missing, missing_by_owner

if TYPE_CHECKING:
    from .models.kpis import Kpi
    from .models.projects import Project
    from .models.workspace import Workspace
    from .periods import Period
    from .report.environment import Messages
    from .sheets.forms import Form

REQUEST_KIND = "kemi-review-request"
OFFICE_STEM = "strategiatoimisto"  # the workbook of the items that name no owner
MAIL_MERGE_FILE = "vastuuhenkilot.csv"
MAIL_MERGE_HEADER = ("vastuuhenkilö", "sähköposti", "työkirja", "puuttuu")


@dataclass(frozen=True)
class OwnerRequest:
    """One owner's workbook: `owner` None for the strategy office's (the items without an owner)."""

    owner: str | None
    file_name: str
    form: Form
    owed: tuple[Missing, ...]


def workspace_mark(workspace: Workspace) -> str:
    """What a workbook names its workspace by, so that one from another city's (or another
    strategy's) data is recognised: the city and the strategy's title and years."""
    strategy = workspace.strategy
    return f"{strategy.city.fi}: {strategy.title.fi} {strategy.period.start}–{strategy.period.end}"


def stamp(workspace: Workspace, period: Period, owner: str | None) -> tuple[tuple[str, str], ...]:
    return (("workspace", workspace_mark(workspace)), ("period", str(period)), ("owner", owner or ""))


def owned_items(workspace: Workspace, period: Period) -> dict[str | None, tuple[list[Kpi], list[Project]]]:
    """Each owner's indicators and the projects still open when `period` began, owners in the
    order of their names, the items without an owner (None) last."""
    items: dict[str | None, tuple[list[Kpi], list[Project]]] = {}
    for kpi in workspace.kpis:
        items.setdefault(kpi.owner, ([], []))[0].append(kpi)
    before = period.previous()
    for project_id in project_order(workspace):
        project = workspace.projects[project_id]
        if project_status(project, before) not in CLOSED_STATUSES:
            items.setdefault(project.owner, ([], []))[1].append(project)
    owners = sorted((o for o in items if o is not None), key=str.casefold)
    return {owner: items[owner] for owner in [*owners, *([None] if None in items else [])]}


def request_forms(workspace: Workspace, period: Period, messages: Messages) -> dict[str | None, Form]:
    """The form of every owner's workbook for `period`, by owner."""
    office = messages.get("form.office", "fi")
    return {
        owner: owner_form(REQUEST_KIND, stamp(workspace, period, owner), owner or office, period, kpis, projects, messages)
        for owner, (kpis, projects) in owned_items(workspace, period).items()
    }


def owner_requests(workspace: Workspace, period: Period, messages: Messages) -> list[OwnerRequest]:
    owed = {todo.owner: todo.items for todo in missing_by_owner(workspace, period)}
    forms = request_forms(workspace, period, messages)
    names = file_names(list(forms))
    return [OwnerRequest(owner, names[owner], form, owed.get(owner, ())) for owner, form in forms.items()]


def file_names(owners: list[str | None]) -> dict[str | None, str]:
    """A safe, stable file name for each owner's workbook: the owner's name in lower case ASCII
    letters and digits ('Hyvinvointijohtaja Ä. Öberg' → hyvinvointijohtaja-a-oberg.xlsx); two
    names that come out the same get -2, -3 in the order of the names."""
    taken: set[str] = set()
    names: dict[str | None, str] = {}
    for owner in owners:
        stem = OFFICE_STEM if owner is None else slug(owner)
        candidate, number = stem, 1
        while candidate in taken:
            number += 1
            candidate = f"{stem}-{number}"
        taken.add(candidate)
        names[owner] = f"{candidate}.xlsx"
    return names


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return words[:60].rstrip("-") or "vastuuhenkilo"


def owed_text(owed: tuple[Missing, ...], messages: Messages, lang: str = "fi") -> str:
    """What an owner still owes, in words: 'asukkaat: arvo kaudelta 2026H1, kommentti; …'."""
    return "; ".join(
        f"{item.item_id}: " + ", ".join(messages.get(f"screen.missing.{key}", lang, period=item.period) for key in item.missing)
        for item in owed
    )


def mail_merge_rows(requests: list[OwnerRequest], messages: Messages) -> list[tuple[str, str, str, str]]:
    """One row per workbook for a mail merge: the owner, their e-mail, the workbook's file name
    and what they still owe. The data names owners, not their addresses: the e-mail column is
    there for the strategy office to fill in (or to join with its own address list)."""
    office = messages.get("form.office", "fi")
    return [(request.owner or office, "", request.file_name, owed_text(request.owed, messages)) for request in requests]
