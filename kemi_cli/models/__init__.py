"""The pydantic contract of every data file. The models are the documentation of the format."""

from .common import Text
from .kpis import Actual, Kpi, KpiGroup, KpisFile
from .projects import Project, ProjectUpdate
from .strategy import Strategy

__all__ = ["Actual", "Kpi", "KpiGroup", "KpisFile", "Project", "ProjectUpdate", "Strategy", "Text"]
