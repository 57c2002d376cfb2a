# GUI suites: export (charts as PNG/SVG/PDF, the clipboard, the export dialog; the report, the
# exports without a window, the README's pictures).
poolsim_add_gui_test(tst_gui_export)
poolsim_add_gui_test(tst_gui_export_report)
