#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (root, or a user with sudo):
#   scripts/dev.sh run [SCENARIO]   install what is missing, build (release), open the default scenario in the
#                                   desktop GUI (without a display: simulate it with the command-line tool)
#   scripts/dev.sh test             install what is missing, build (dev preset), run every test through CTest
#   scripts/dev.sh deps             only install what is missing
# Safe to repeat: installs nothing that is already there, rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(g++ cmake ninja-build qt6-base-dev qt6-svg-dev qt6-qpa-plugins libqcustomplot-dev fonts-dejavu-core
          libyaml-cpp-dev libboost-dev libcli11-dev nlohmann-json3-dev ccache)
DEFAULT_SCENARIO=scenarios/incident-pool-10.yaml

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

case "${1:-}" in
deps)
    install_missing
    ;;
run)
    install_missing
    cmake --preset release >/dev/null
    cmake --build --preset release --target poolsim poolsim-gui
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec build/release/app/poolsim-gui "${2:-$DEFAULT_SCENARIO}"
    fi
    echo "No display (DISPLAY and WAYLAND_DISPLAY are unset): simulating with the command-line tool;" \
         "on a desktop this opens build/release/app/poolsim-gui." >&2
    exec build/release/app/poolsim run "${2:-$DEFAULT_SCENARIO}"
    ;;
test)
    install_missing
    cmake --preset dev >/dev/null
    cmake --build --preset dev
    ctest --preset dev --parallel "$(nproc)"
    ;;
*)
    echo "usage: scripts/dev.sh run [SCENARIO] | test | deps" >&2
    exit 2
    ;;
esac
