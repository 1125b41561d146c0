"""The pydantic contract of every data file. The models are the documentation of the format.

The model classes are imported on first use (`from kemi_cli.models import Kpi`), so that a
pydantic-free module of this package (vocabulary) can be imported without building them.
"""

from __future__ import annotations

import importlib
from typing import Any

_MODULE_OF = {
    "Text": "common",
    "Actual": "kpis",
    "Kpi": "kpis",
    "KpiGroup": "kpis",
    "KpisFile": "kpis",
    "Project": "projects",
    "ProjectUpdate": "projects",
    "Strategy": "strategy",
}

__all__ = list(_MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
