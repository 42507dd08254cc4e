"""The Gantt chart of the Schedule tab: a custom painted scroll area beside the task tree.

Pure geometry (time scale, row layout, arrow routes, drag gestures) lives in modules
without Qt (`timescale`, `layout`, `link_routes`, `gantt_drag`) and is unit-tested; the
widget (`gantt_chart`), its header (`gantt_header`), the drawing code shared by the
screen and the export (`gantt_painter`) and the PNG/PDF export (`gantt_export`) use Qt.
"""
