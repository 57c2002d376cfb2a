#!/usr/bin/env bash
# Benchmarks of the simulator (not tests): builds the release preset, then measures
#  1. simulated requests per second on one thread, with all statistics on, and peak memory,
#     for 1, 10 and 100 million requests of bench/mm50-10M.yaml (memory must not grow);
#  2. the same model as a hand-written loop specialised to it, as a yardstick: the 10-million-
#     request run and the yardstick interleaved, three of each, medians, and their ratio (the
#     target: PoolSim at least half the yardstick's speed);
#  3. replications on 1 thread versus all cores (should take about 1/N of the time);
#  4. live mode in the desktop program: from a pool-size edit to redrawn charts, on every
#     shipped scenario (bench/live_edit.cpp; skipped when the GUI is not built);
#  5. the cost of the database server (database.capacity): the 10-million-request run with and
#     without a busy 16-core server, interleaved, three of each, medians (the limit: 1.5x);
#  6. a sweep as an MPI job (when poolsim was built with MPI): production-day's pool sizes on 1
#     process of 1 thread, 1 process of all cores, and mpirun -n <cores> of 1 thread each, with
#     the outputs checked equal.
# Usage: bench/run-benchmarks.sh [--quick]   (--quick skips the 100-million run)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}

cmake --preset release >/dev/null
cmake --build --preset release --target poolsim specialised_loop -j "$(nproc)" >/dev/null
bin=build/release/app/poolsim
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

field() { grep -m1 "\"$2\"" "$1" | sed -E 's/.*: ([0-9.e+-]+),?/\1/'; }
median() { sort -g | sed -n 2p; } # of three

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)"
echo
printf '%-14s %12s %10s %16s %14s\n' requests events wall_s requests_per_s peak_rss_mb
horizons="22223s 222223s 2222223s"
[ "$quick" = "--quick" ] && horizons="22223s 222223s"
for h in $horizons; do
    "$bin" run bench/mm50-10M.yaml --set horizon="$h" --threads 1 --quiet --json "$out/r.json"
    printf '%-14s %12s %10.2f %16.0f %14.1f\n' "$(field "$out/r.json" requests)" "$(field "$out/r.json" events)" \
        "$(field "$out/r.json" wall_s)" "$(field "$out/r.json" requests_per_s)" "$(field "$out/r.json" peak_rss_mb)"
done

echo
echo "against a loop written for this one model (bench/specialised_loop.cpp), 10 million requests,"
echo "interleaved, three of each, medians:"
for i in 1 2 3; do
    "$bin" run bench/mm50-10M.yaml --threads 1 --quiet --json "$out/p$i.json"
    build/release/bench/specialised_loop 10000000 | tail -1 >"$out/y$i.txt"
done
poolsimRate=$(for i in 1 2 3; do field "$out/p$i.json" requests_per_s; done | median)
yardstickRate=$(for i in 1 2 3; do awk '{ print $4 }' "$out/y$i.txt"; done | median)
printf '%-14s %16s\n' program requests_per_s
printf '%-14s %16.0f\n' PoolSim "$poolsimRate" yardstick "$yardstickRate"
printf 'ratio PoolSim / yardstick: %.2f (the target: at least 0.50)\n' \
    "$(awk -v a="$poolsimRate" -v b="$yardstickRate" 'BEGIN { print a / b }')"

echo
cores=$(nproc)
printf '%-10s %10s %10s\n' threads wall_s speedup
for t in 1 "$cores"; do
    "$bin" run bench/mm50-10M.yaml --set horizon=22223s --replications 8 --threads "$t" --quiet --json "$out/s$t.json"
done
w1=$(field "$out/s1.json" wall_s)
wn=$(field "$out/s$cores.json" wall_s)
printf '%-10s %10.2f %10s\n' 1 "$w1" 1.00
printf '%-10s %10.2f %10.2f\n' "$cores" "$wn" "$(awk -v a="$w1" -v b="$wn" 'BEGIN { print a / b }')"

echo
# Holds scaled to 0.3 s, so that the offered 13.5 cores of demand keep a 16-core server busy but
# stable (the full 45 would overload it: most requests would time out, and the run would be
# cheaper, not dearer); both runs use the same holds.
echo "database server (16 cores, 0.2% contention, coherency 0.00002) against none, 10 million requests, 1 thread:"
server=(--set database.capacity.cores=16 --set database.capacity.contention=0.002
        --set database.capacity.coherency=0.00002)
for i in 1 2 3; do
    "$bin" run bench/mm50-10M.yaml --set hold_scale=0.3 --threads 1 --quiet --json "$out/plain$i.json"
    "$bin" run bench/mm50-10M.yaml --set hold_scale=0.3 "${server[@]}" --threads 1 --quiet --json "$out/server$i.json"
done
plain=$(for i in 1 2 3; do field "$out/plain$i.json" wall_s; done | median)
withServer=$(for i in 1 2 3; do field "$out/server$i.json" wall_s; done | median)
printf '%-14s %10s\n' run wall_s
printf '%-14s %10.2f\n' "no server" "$plain"
printf '%-14s %10.2f  (%.2fx)\n' "16-core server" "$withServer" "$(awk -v a="$withServer" -v b="$plain" 'BEGIN { print a / b }')"

if command -v mpirun >/dev/null && grep -q POOLSIM_WITH_MPI build/release/compile_commands.json 2>/dev/null; then
    echo
    cores=$(nproc)
    sweep=(sweep scenarios/production-day.yaml --param pool.size=6,8,10,12 --replications 8 --quiet)
    echo "a sweep as an MPI job: production-day, 4 pool sizes x 8 replications (24 hours each):"
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 # as root, Open MPI refuses otherwise
    "$bin" "${sweep[@]}" --threads 1 --json "$out/p1.json"
    "$bin" "${sweep[@]}" --threads "$cores" --json "$out/t$cores.json"
    mpirun -n "$cores" "$bin" "${sweep[@]}" --threads 1 --json "$out/m$cores.json"
    same=$(for f in t"$cores" m"$cores"; do
        if cmp -s <(grep -v -E '"(wall_s|requests_per_s|threads|processes|peak_rss_mb)"' "$out/p1.json") \
            <(grep -v -E '"(wall_s|requests_per_s|threads|processes|peak_rss_mb)"' "$out/$f.json"); then
            echo same
        else
            echo DIFFERENT
        fi
    done | sort -u | tr '\n' ' ')
    w1=$(field "$out/p1.json" wall_s)
    printf '%-34s %10s %10s\n' run wall_s speedup
    printf '%-34s %10.2f %10s\n' "1 process, 1 thread" "$w1" 1.00
    for f in t"$cores" m"$cores"; do
        w=$(field "$out/$f.json" wall_s)
        label="1 process, $cores threads"
        [ "${f:0:1}" = m ] && label="mpirun -n $cores, 1 thread each"
        printf '%-34s %10.2f %10.2f\n' "$label" "$w" "$(awk -v a="$w1" -v b="$w" 'BEGIN { print a / b }')"
    done
    echo "outputs against the single thread's (timings aside): $same"
fi

if cmake --build --preset release --target live_edit -j "$(nproc)" >/dev/null 2>&1; then
    echo
    build/release/bench/live_edit scenarios/*.yaml 2>/dev/null
fi
