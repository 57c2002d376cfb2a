#!/usr/bin/env bash
# Measures a PostgreSQL server's concurrency curve with pgbench, for `poolsim fit-usl`:
#
#   scripts/measure-postgres.sh CONNINFO [--script FILE] [--clients 1,2,4,...,128] [--seconds N]
#                               [--init] [--scale N] [--out FILE] [--yes]
#
# CONNINFO is a libpq connection string or URI ("host=db1 dbname=bench user=me",
# "postgresql://me@db1/bench"). At each concurrency it runs pgbench with that many clients, each
# sending its next query as soon as the last one answered, for --seconds (default 20), and writes
# one CSV row: concurrency, throughput per second, mean latency in ms (as the client sees it) and,
# where the database has pg_stat_statements, the server's mean execution time per query in ms
# (empty otherwise). The default work is pgbench's select-only script (a primary-key lookup in
# pgbench_accounts); --script FILE runs your own pgbench script instead.
#
# It writes to the database only with --init, which runs `pgbench -i -s SCALE` (default scale 10)
# and so drops and recreates the pgbench_* tables. Without --init the tables (or your script's)
# must be there already. It says what it will run, and waits for Enter unless --yes (or stdin is
# not a terminal). It needs pgbench and psql (Debian: postgresql-client).
set -euo pipefail

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

conninfo=""
script=""
clients="1,2,4,8,16,32,64,128"
seconds=20
init=0
scale=10
out="-"
yes=0
while [ $# -gt 0 ]; do
    case "$1" in
    --script) script=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --init) init=1; shift ;;
    --scale) scale=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --yes) yes=1; shift ;;
    -h | --help) usage ;;
    -*) echo "measure-postgres.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$conninfo" ] || usage; conninfo=$1; shift ;;
    esac
done
[ -n "$conninfo" ] || usage
die() { echo "measure-postgres.sh: $*" >&2; exit 2; }
command -v pgbench >/dev/null && command -v psql >/dev/null || die "needs pgbench and psql (apt-get install postgresql-client)"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "--seconds: expected a whole number of seconds, got '$seconds'"
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || die "--scale: expected a positive whole number, got '$scale'"
[[ "$clients" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--clients: expected numbers like 1,2,4,8, got '$clients'"
[ -z "$script" ] || [ -r "$script" ] || die "--script: cannot read '$script'"
IFS=, read -r -a levels <<<"$clients"

psqlq() { psql "$conninfo" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }
psqlq "select 1" >/dev/null || die "cannot connect with '$conninfo'"

work=(-S)
what="pgbench's select-only script (SELECT abalance FROM pgbench_accounts WHERE aid = :aid)"
if [ -n "$script" ]; then
    work=(-f "$script")
    what="the pgbench script $script"
fi
threads=$(nproc)
statements=0
if [ "$(psqlq "select count(*) from pg_extension where extname = 'pg_stat_statements'" 2>/dev/null)" = "1" ] &&
    psqlq "select pg_stat_statements_reset()" >/dev/null 2>&1; then
    statements=1
fi

{
    echo "measure-postgres.sh will run, against $conninfo:"
    [ "$init" = 1 ] && echo "  pgbench -i -s $scale  (drops and recreates the pgbench_* tables)"
    echo "  $what, for $seconds s at each of ${#levels[@]} concurrencies ($clients clients)"
    echo "  with pgbench -n ${work[*]} -c N -j min(N, $threads) -T $seconds"
    [ "$statements" = 1 ] && echo "  and read the server's execution time from pg_stat_statements (reset before each level)"
    [ "$statements" = 0 ] && echo "  (no pg_stat_statements here: the server_ms column stays empty)"
} >&2
if [ "$yes" = 0 ] && [ -t 0 ]; then
    read -r -p "Enter to go on, Ctrl-C to stop: " _ </dev/tty
fi

if [ "$init" = 1 ]; then
    pgbench -i -q -s "$scale" "$conninfo" >&2
elif [ -z "$script" ]; then
    psqlq "select 1 from pgbench_accounts limit 1" >/dev/null 2>&1 ||
        die "no pgbench_accounts table: create it with --init (which writes to the database), or give --script"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
    echo "# measure-postgres.sh, $(date -u +%FT%TZ): $what, $seconds s per concurrency"
    echo "concurrency,throughput_per_s,latency_ms,server_ms"
} >"$tmp/out.csv"
for n in "${levels[@]}"; do
    j=$((n < threads ? n : threads))
    [ "$statements" = 1 ] && psqlq "select pg_stat_statements_reset()" >/dev/null
    pgbench -n "${work[@]}" -c "$n" -j "$j" -T "$seconds" "$conninfo" >"$tmp/run.txt" 2>"$tmp/err.txt" ||
        { cat "$tmp/err.txt" >&2; die "pgbench failed at $n clients"; }
    tps=$(sed -nE 's/^tps = ([0-9.]+) \(without initial connection time\)/\1/p' "$tmp/run.txt")
    latency=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$tmp/run.txt")
    [ -n "$tps" ] && [ -n "$latency" ] || { cat "$tmp/run.txt" >&2; die "cannot read pgbench's output at $n clients"; }
    server=""
    if [ "$statements" = 1 ]; then
        # The statements pgbench ran, weighted by calls (its own BEGIN/END aside).
        server=$(psqlq "select round((sum(total_exec_time) / nullif(sum(calls), 0))::numeric, 4)
                        from pg_stat_statements
                        where query !~* '^(begin|end|commit|select pg_stat_statements_reset)'
                          and dbid = (select oid from pg_database where datname = current_database())")
    fi
    echo "$n,$tps,$latency,$server" >>"$tmp/out.csv"
    echo "  $n clients: $tps/s, latency $latency ms${server:+, server $server ms}" >&2
done
if [ "$out" = "-" ]; then
    cat "$tmp/out.csv"
else
    mv "$tmp/out.csv" "$out"
fi
