# Exports: charts as PNG/SVG/PDF and to the clipboard, the review report (PDF), the export
# dialog and the window's export actions, exports without a window, and the README's pictures.
set(_export ${CMAKE_CURRENT_LIST_DIR})
list(APPEND POOLSIM_UI_SOURCES
    ${_export}/print_look.cpp
    ${_export}/chart_export.cpp
    ${_export}/report_canvas.cpp
    ${_export}/report_format.cpp
    ${_export}/report_sections.cpp
    ${_export}/report_writer.cpp
    ${_export}/chart_export_menu.cpp
    ${_export}/export_dialog.cpp
    ${_export}/export_actions.cpp
    ${_export}/headless_pages.cpp
    ${_export}/headless_export.cpp
    ${_export}/window_screenshots.cpp
)
