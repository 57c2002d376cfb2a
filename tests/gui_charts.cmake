# GUI suites: charts (the chart pages, their item models) and the Qt-free decimation.
poolsim_add_gui_test(tst_gui_charts)
poolsim_add_gui_test(tst_gui_chart_pages)
poolsim_add_gui_test(tst_gui_chart_models)
poolsim_add_test(tst_decimation)
