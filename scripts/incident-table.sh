#!/bin/sh
# Writes README.md's "what the simulator says about the incident" block from the scenario
# library: `poolsim compare --markdown` (before and after) and `poolsim recommend --variant
# after --markdown` (the smallest pool meeting each file's slo: against the rules of thumb).
# Usage: scripts/incident-table.sh [POOLSIM]   (default: build/release/app/poolsim)
set -eu
cd "$(dirname "$0")/.."
poolsim=${1:-build/release/app/poolsim}
files="month-end-reporting shift-change quality-audit bulk-cycle-count e2e-test-load production-day"
begin='<!-- incident-table:begin (written by scripts/incident-table.sh) -->'
end='<!-- incident-table:end -->'

block=$(mktemp)
trap 'rm -f "$block" "$block.readme"' EXIT
{
    echo "$begin"
    echo
    echo "Each scenario's variants, run with common random numbers (\`poolsim compare FILE --markdown\`):"
    echo
    first=yes
    for f in $files; do
        "$poolsim" compare "scenarios/$f.yaml" --markdown 2>/dev/null | {
            read -r header
            read -r rule
            if [ "$first" = yes ]; then
                echo "| scenario ${header}"
                echo "| --- ${rule}"
            fi
            # Only the table's rows: the lines below it (instance failures) are not rows.
            while read -r row; do
                case $row in '|'*) echo "| $f.yaml ${row}" ;; esac
            done
        }
        first=no
    done
    echo
    echo "The smallest pool per instance that meets each file's service levels with the \`after\`"
    echo "settings, against the rules of thumb (\`poolsim recommend FILE --variant after --markdown\`;"
    echo "in brackets, how far each rule is from the recommendation):"
    echo
    first=yes
    for f in $files; do
        "$poolsim" recommend "scenarios/$f.yaml" --variant after --markdown 2>/dev/null | {
            read -r header
            read -r rule
            if [ "$first" = yes ]; then echo "$header"; echo "$rule"; fi
            cat
        }
        first=no
    done
    echo
    echo "A pool can be too big: \`pool-too-big.yaml\` puts one load (500 queries/s of 10 ms) on one"
    echo "8-core database server through pools of 100, 16 and 8 (\`poolsim compare FILE --markdown\`):"
    echo
    "$poolsim" compare scenarios/pool-too-big.yaml --markdown 2>/dev/null
    echo
    echo "$end"
} >"$block"

# Replace the block between the markers (they must be there already).
grep -q "^<!-- incident-table:begin" README.md || { echo "README.md has no incident-table markers" >&2; exit 1; }
awk -v blockfile="$block" '
    /^<!-- incident-table:begin/ { while ((getline line < blockfile) > 0) print line; skip = 1; next }
    /^<!-- incident-table:end/ { skip = 0; next }
    !skip { print }
' README.md >"$block.readme"
mv "$block.readme" README.md
echo "README.md: incident table written"
