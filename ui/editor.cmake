# The scenario editor (a dock of the main window): settings, workloads, variants, service
# levels and alerts, and the YAML text, every edit checked by the document as the loader checks.
list(APPEND POOLSIM_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/scenario_editor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/field_binding.cpp
    ${CMAKE_CURRENT_LIST_DIR}/editor_fields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/editor_general.cpp
    ${CMAKE_CURRENT_LIST_DIR}/distribution_text.cpp
    ${CMAKE_CURRENT_LIST_DIR}/distribution_plot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/distribution_editor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/workloads_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/workload_part.cpp
    ${CMAKE_CURRENT_LIST_DIR}/arrivals_editor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/steps_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/steps_editor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/request_editor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/workload_panel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/editor_workloads.cpp
    ${CMAKE_CURRENT_LIST_DIR}/scenario_table_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/choice_delegate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/variants_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/slo_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/alerts_rules_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/editor_variants.cpp
    ${CMAKE_CURRENT_LIST_DIR}/editor_slo_alerts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/yaml_tab.cpp
)
