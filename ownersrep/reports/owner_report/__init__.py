"""The owner report: a client-ready PDF of one project's period, or of the portfolio,
built with ReportLab from a ReportBundle only (never from the database)."""

from ownersrep.reports.owner_report.builder import build_owner_report
from ownersrep.reports.owner_report.result import BuildResult

__all__ = ["BuildResult", "build_owner_report"]
