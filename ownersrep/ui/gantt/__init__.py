"""The Gantt chart of the Schedule tab: a custom painted scroll area beside the task tree.

Pure geometry (time scale, row layout, arrow routes, drag gestures) lives in modules
without Qt (`timescale`, `layout`, `link_routes`, `gantt_drag`) and is unit-tested; the
widget (`gantt_chart`), its pointer handling (`gantt_mouse`), its header (`gantt_header`),
the drawing code shared by the screen and the export (`gantt_painter`,
`gantt_link_painter`, on a `gantt_state.ChartState` in `gantt_colors`) and the PNG/PDF
export (`gantt_export`) use Qt.
"""
