# The document, the job runner and the main window.
list(APPEND POOLSIM_UI_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/scenario_document.cpp
    ${CMAKE_CURRENT_LIST_DIR}/qt_run_observer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/run_jobs.cpp
    ${CMAKE_CURRENT_LIST_DIR}/run_controller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/app_settings.cpp
    ${CMAKE_CURRENT_LIST_DIR}/recent_files_menu.cpp
    ${CMAKE_CURRENT_LIST_DIR}/run_status_widget.cpp
    ${CMAKE_CURRENT_LIST_DIR}/main_window_parts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/main_window.cpp
    ${CMAKE_CURRENT_LIST_DIR}/main_window_files.cpp
    ${CMAKE_CURRENT_LIST_DIR}/chart_page.h
    ${CMAKE_CURRENT_LIST_DIR}/run_outcome.h
)
