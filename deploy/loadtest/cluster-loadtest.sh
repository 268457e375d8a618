#!/usr/bin/env bash
# Cluster mode under load on one machine: 50 simulated nodes across 3 silo processes (partitions 17 + 17 + 16), a year of
# simulated nights in PostgreSQL, and the dashboard as a cluster client. Reports scheduling latency (`bench scheduling`:
# nights with one job per node) and dashboard response times (`bench dashboard`) as tables and JSON in OUT_DIR.
#
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres deploy/loadtest/cluster-loadtest.sh [OUT_DIR]
#
# Needs: the .NET SDK, psql, a PostgreSQL role that may create databases (PGPASSWORD if it needs one). It creates (and
# at the end drops) the database sglci_loadtest. Ports 21111-21113, 40101-40103 and 5077 on 127.0.0.1 must be free.
set -euo pipefail

out="${1:-/tmp/sglci-loadtest}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
db=sglci_loadtest
nights="${SGLCI_LOADTEST_NIGHTS:-3}"
days="${SGLCI_LOADTEST_DAYS:-365}"
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
cs="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$db${PGPASSWORD:+;Password=$PGPASSWORD}"
# Processes get the connection string from the environment, not their command line (where `ps` shows it).
export SglangCi__Cluster__Postgres="$cs" SGLCI_CLUSTER_POSTGRES="$cs"
mkdir -p "$out"
log() { printf '\n==> %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    psql -qd postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "Building (Release)"
dotnet build "$repo/SglangCi.sln" -c Release -v q -nologo >/dev/null
bin() { echo "$repo/src/$1/bin/Release/net10.0"; }
cli() { dotnet "$(bin Cli)/sglang-ci.dll" "$@"; }

log "Fresh database $db"
psql -qd postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null

log "A year of simulated nights ($days days) into PostgreSQL"
start=$(date +%s)
cli generate nights --postgres "$cs" --days "$days" --json > "$out/generate.json"
echo "generate nights: $(( $(date +%s) - start )) s"

log "Three silos serving 50 simulated nodes"
partitions=(17 17 16)
for i in 1 2 3; do
    dotnet "$(bin Silo)/SglangCi.Silo.dll" --node "load-$i" --advertise 127.0.0.1 \
        --silo-port "2111$i" --gateway-port "4010$i" --data-dir "$out/silo-$i" \
        --hardware sim --gpus 8 --runtime simulated --partitions "${partitions[$((i - 1))]}" > "$out/silo-$i.log" 2>&1 &
    pids+=($!)
done
for _ in $(seq 1 90); do
    online=$(cli nodes --json 2>/dev/null | grep -o '"online": *true' | wc -l || true)
    [[ "$online" -ge 50 ]] && break
    sleep 2
done
echo "nodes online: $online"
[[ "$online" -ge 50 ]] || { echo "not every node came online; see $out/silo-*.log" >&2; exit 1; }

log "The dashboard as a cluster client"
(cd "$(bin Web)" && exec dotnet SglangCi.Web.dll --urls http://127.0.0.1:5077 > "$out/web.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:5077/healthz >/dev/null && break; sleep 2; done
curl -fs http://127.0.0.1:5077/healthz >/dev/null || { echo "the dashboard did not become healthy; see $out/web.log" >&2; exit 1; }

log "Scheduling latency: $nights night(s), one job per node"
cli bench scheduling --nights "$nights" | tee "$out/scheduling.txt"
cli bench scheduling --nights 1 --json > "$out/scheduling.json"

log "Dashboard response times with a year of nights"
# Exit 1 means a goal was missed; the report says which, and the run goes on to print it.
cli bench dashboard --url http://127.0.0.1:5077 --repeat 20 --warmup 3 | tee "$out/dashboard.txt" || true

log "Database size"
psql -d "$db" -Atc "SELECT pg_size_pretty(pg_database_size('$db')), (SELECT count(*) FROM runs), (SELECT count(*) FROM benchmark_points)" \
    | awk -F'|' '{ printf "database %s · %s runs · %s benchmark points\n", $1, $2, $3 }' | tee "$out/database.txt"
log "Done: $out"
