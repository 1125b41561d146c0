"""kemi: the City of Kemi strategy as code."""

__version__ = "0.1.0"
