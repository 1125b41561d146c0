"""A table for a spreadsheet: a sheet's name, its header and its rows of typed cells."""

from __future__ import annotations

from dataclasses import dataclass

from .cells import Cell


@dataclass(frozen=True)
class Table:
    title: str  # the sheet's name in a workbook
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
