# GUI suites: core (the document, the job runner, the main window and its jobs).
poolsim_add_gui_test(tst_gui_document)
poolsim_add_gui_test(tst_gui_run)
poolsim_add_gui_test(tst_gui_mainwindow)
poolsim_add_gui_test(tst_gui_window_runs)
