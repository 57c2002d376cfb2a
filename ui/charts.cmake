# The chart pages (QCustomPlot): timeline, waits, variants, sweep, summary, and their helpers.
set(_charts ${CMAKE_CURRENT_LIST_DIR})
list(APPEND POOLSIM_UI_SOURCES
    ${_charts}/qcustomplot_include.h
    ${_charts}/chart_style.cpp
    ${_charts}/sim_time_ticker.cpp
    ${_charts}/metric_text.cpp
    ${_charts}/outcome_runs.cpp
    ${_charts}/run_choosers.cpp
    ${_charts}/scenario_marks.cpp
    ${_charts}/zoom_decimation.cpp
    ${_charts}/plot_helpers.cpp
    ${_charts}/wait_histogram.cpp
    ${_charts}/timeline_marks.cpp
    ${_charts}/timeline_page.cpp
    ${_charts}/waits_page.cpp
    ${_charts}/differences_model.cpp
    ${_charts}/variants_page.cpp
    ${_charts}/sweep_form.cpp
    ${_charts}/sweep_page.cpp
    ${_charts}/metrics_table_model.cpp
    ${_charts}/slo_checks_model.cpp
    ${_charts}/alerts_model.cpp
    ${_charts}/analytic_figures_model.cpp
    ${_charts}/recommendation_model.cpp
    ${_charts}/summary_page.cpp
    ${_charts}/chart_pages.cpp
)
