#!/bin/sh
# Makes the README's pictures of the main window, docs/screenshots/{timeline,variants,sweep}.png:
# the built desktop program opens a shipped scenario offscreen, runs it (and the Sweep tab's
# sweep), and saves a picture of the window on each tab. Builds nothing.
# Usage: scripts/screenshots.sh [POOLSIM_GUI [SCENARIO]]
#        (defaults: build/release/app/poolsim-gui, scenarios/incident-pool-10.yaml)
set -eu
cd "$(dirname "$0")/.."
gui=${1:-build/release/app/poolsim-gui}
scenario=${2:-scenarios/incident-pool-10.yaml}
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
for tab in timeline variants sweep; do
    [ -s "$out/$tab.png" ] || { echo "screenshots.sh: $out/$tab.png was not made" >&2; exit 1; }
done
echo "wrote $out/timeline.png $out/variants.png $out/sweep.png"
