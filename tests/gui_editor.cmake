# GUI suites: the scenario editor (its fields and YAML tab, its Workloads tab, against the
# document) and its item models.
poolsim_add_gui_test(tst_gui_editor)
poolsim_add_gui_test(tst_gui_editor_workloads)
poolsim_add_gui_test(tst_gui_editor_models)
