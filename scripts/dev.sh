#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (root, or a user with sudo):
#   scripts/dev.sh run [SCENARIO]   install what is missing, build (release), open the default scenario in the
#                                   desktop GUI (without a display: simulate it with the command-line tool)
#   scripts/dev.sh test             install what is missing, build (dev preset), run every test through CTest
#   scripts/dev.sh fuzz [SECONDS]   install clang, build the libFuzzer targets (fuzz preset) and run each for
#                                   SECONDS (default 60) on a corpus seeded from scenarios/, tests/ and docs/
#   scripts/dev.sh format           reformat every tracked C++ file with .clang-format
#   scripts/dev.sh deps             only install what is missing
# Safe to repeat: installs nothing that is already there, rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(g++ cmake ninja-build qt6-base-dev qt6-svg-dev qt6-qpa-plugins libqcustomplot-dev fonts-dejavu-core
          libyaml-cpp-dev libboost-dev libcli11-dev nlohmann-json3-dev libgsl-dev ccache clang-format
          libopenmpi-dev openmpi-bin postgresql pgbouncer)
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
DEFAULT_SCENARIO=scenarios/incident-pool-10.yaml

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}" "$@"; do
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
format)
    install_missing
    git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format -i
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
fuzz)
    install_missing "${FUZZ_PACKAGES[@]}"
    seconds=${2:-60}
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz
    seeds=build/fuzz/seeds
    rm -rf "$seeds" && mkdir -p "$seeds" build/fuzz/artifacts
    cp scenarios/*.yaml tests/data/*.yaml tests/fuzz/regressions/* "$seeds"/ 2>/dev/null || true
    # Every YAML example of the format's documentation, one file each.
    awk -v dir="$seeds" '/^```yaml/ { n++; out = dir "/doc-" n ".yaml"; next } /^```/ { out = ""; next }
                         out != "" { print > out }' docs/scenario-format.md
    for target in fuzz_scenario_loader fuzz_simulation; do
        corpus=build/fuzz/corpus/$target
        mkdir -p "$corpus"
        echo "== $target for ${seconds} s" >&2
        # -rss_limit_mb: a scenario may ask for a large pool, not for the machine.
        build/fuzz/tests/fuzz/$target "$corpus" "$seeds" -max_total_time="$seconds" -timeout=20 \
            -rss_limit_mb=4096 -artifact_prefix=build/fuzz/artifacts/ -print_final_stats=1 2>&1 | tail -n 12
        [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "$target found a problem: see build/fuzz/artifacts/" >&2; exit 1; }
    done
    ;;
*)
    echo "usage: scripts/dev.sh run [SCENARIO] | test | fuzz [SECONDS] | format | deps" >&2
    exit 2
    ;;
esac
