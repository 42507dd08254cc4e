"""Owner reports (ReportLab) and charts (matplotlib, Agg). No Qt here."""
