#!/bin/sh
# Makes the README's pictures of the main window: docs/screenshots/{timeline,variants,sweep}.png,
# the built desktop program on a shipped scenario offscreen, run (and the Sweep tab's sweep), a
# picture of the window on each tab; and docs/screenshots/{database,fit-usl}.png, the window on
# a scenario with a database server: its Timeline with the database chart, and the editor's
# Database tab with the example load test fitted; and docs/screenshots/failures.png, the window on
# a scenario whose instances fail: its Timeline with the Instances chart. Builds nothing.
# Usage: scripts/screenshots.sh [POOLSIM_GUI [SCENARIO [SERVER_SCENARIO [LOAD_TEST_CSV [FAILING_SCENARIO]]]]]
#        (defaults: build/release/app/poolsim-gui, scenarios/incident-pool-10.yaml,
#         tests/data/usl-server.yaml, docs/examples/usl-synthetic.csv, tests/data/failures.yaml)
set -eu
cd "$(dirname "$0")/.."
gui=${1:-build/release/app/poolsim-gui}
scenario=${2:-scenarios/incident-pool-10.yaml}
server=${3:-tests/data/usl-server.yaml}
loadtest=${4:-docs/examples/usl-synthetic.csv}
failing=${5:-tests/data/failures.yaml}
out=docs/screenshots

if [ ! -x "$gui" ]; then
    echo "screenshots.sh: $gui is not built: run scripts/dev.sh run first" >&2
    exit 2
fi
mkdir -p "$out"
# The offscreen platform needs no display and gives the same pictures on any machine with the
# same fonts (fonts-dejavu-core, installed by scripts/dev.sh); settings of its own keep the
# user's saved window layout out of the pictures.
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$settings" "$gui" --screenshots "$out" "$scenario"
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$settings" "$gui" --screenshots "$out" --pictures database \
    --fit-csv "$loadtest" "$server"
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$settings" "$gui" --screenshots "$out" --pictures failures "$failing"
for picture in timeline variants sweep database fit-usl failures; do
    [ -s "$out/$picture.png" ] || { echo "screenshots.sh: $out/$picture.png was not made" >&2; exit 1; }
done
echo "wrote $out/timeline.png $out/variants.png $out/sweep.png $out/database.png $out/fit-usl.png $out/failures.png"
