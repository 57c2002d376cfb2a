#!/usr/bin/env bash
# Checks that every #include points down the floors, never up or sideways:
#   engine <- models <- ui <- app            (app/cli: engine and models only)
#   models: metrics <- scenario <- results <- simulation <- {planning, analytic, fitting}
#   ui:     core <- {editor, charts} <- export <- window
# Areas on the same floor ({planning, analytic, fitting}, {editor, charts}) do not include each other.
# Prints each offending include as file:line and exits 1 if there is any. Run by CTest.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

# The floor of an area; areas on one floor are siblings.
floor() {
    case "$1" in
    engine) echo 0 ;;
    models/metrics) echo 10 ;;
    models/scenario) echo 11 ;;
    models/results) echo 12 ;;
    models/simulation) echo 13 ;;
    models/planning | models/analytic | models/fitting) echo 14 ;;
    ui/core) echo 20 ;;
    ui/editor | ui/charts) echo 21 ;;
    ui/export) echo 22 ;;
    ui/window) echo 23 ;;
    app/cli) echo 19 ;; # below ui: the command-line tool links the models only
    app/gui | app/validation_chart) echo 30 ;;
    *) echo "" ;;
    esac
}

# The area a path (file or include) belongs to: its first two folders, or `engine`.
area() {
    case "$1" in
    engine/*) echo engine ;;
    */*/*) echo "$1" | cut -d/ -f1-2 ;;
    *) echo "" ;;
    esac
}

bad=0
while IFS= read -r file; do
    from=$(area "$file")
    from_floor=$(floor "$from")
    if [ -z "$from_floor" ]; then
        echo "$file: in no known area (add it to scripts/check-layering.sh)"
        bad=1
        continue
    fi
    while IFS=: read -r line target; do
        to=$(area "$target")
        to_floor=$(floor "$to")
        [ -n "$to_floor" ] || continue
        [ "$to" = "$from" ] && continue
        if [ "$to_floor" -ge "$from_floor" ]; then
            echo "$file:$line: includes $target ($to is not below $from)"
            bad=1
        fi
    done < <(grep -n '^#include "' "$file" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
done < <(git ls-files 'engine/*.h' 'engine/*.cpp' 'models/*.h' 'models/*.cpp' 'ui/*.h' 'ui/*.cpp' 'app/*.h' 'app/*.cpp')

if [ "$bad" -ne 0 ]; then
    echo "layering: includes that point up or sideways (see CONTRIBUTING.md, 'Layers')"
    exit 1
fi
echo "layering: every include points down"
