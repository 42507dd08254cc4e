"""Tests of the pure parts of the Gantt chart."""
