"""The CPM scheduling engine: working calendars, links, constraints, progress.

Pure Python: no Qt, no database. The input and output types are in `model.py`; the
calendar arithmetic in `calendar.py`; the forward and backward passes in `cpm.py`.
"""
