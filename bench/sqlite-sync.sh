#!/usr/bin/env bash
# bench/sqlite-sync.sh — callback ingestion on SQLite with Storage:SqliteSynchronous Normal and Full, alternating
# ROUNDS times (each run on a fresh database), same load as bench/run.sh's ingestion part. Prints a table and medians.
# Knobs: ROUNDS (3), ROOMS (2000), ROOM_CONCURRENCY (64).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOG_TAG=bench
source tools/lib.sh
source bench/service.sh

ROUNDS=${ROUNDS:-3}
ROOMS=${ROOMS:-2000}
ROOM_CONCURRENCY=${ROOM_CONCURRENCY:-64}
TOKEN=bench-auth-token-0123456789abcdef
ACCOUNT=AC0123456789abcdef0123456789abcdef
OUT=$ROOT/bench/out/sqlite-sync
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.db*

log "publishing the service (Release)"
dotnet publish src/ContactCenter.Api -c Release -o "$OUT/service" --nologo -v q >&2

# run MODE ROUND -> echoes "events_per_s p50_ms p99_ms"
run() {
  local mode=$1 round=$2 line
  start_service "$mode-$round" Sqlite "" Storage__SqliteSynchronous="$mode"
  node bench/ingest.js "http://127.0.0.1:$PORT" "$TOKEN" "$ACCOUNT" 200 16 >/dev/null
  line=$(node bench/ingest.js "http://127.0.0.1:$PORT" "$TOKEN" "$ACCOUNT" "$ROOMS" "$ROOM_CONCURRENCY" | grep '^RESULT')
  kill "$PID"; wait "$PID" 2>/dev/null || true
  eval "$(echo "$line" | sed 's/^RESULT //')"
  awk -v e="$events_per_s" -v p50="$p50_us" -v p99="$p99_us" 'BEGIN { printf "%s %.2f %.2f\n", e, p50 / 1000, p99 / 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A samples
echo "| round | synchronous | events/s | p50 ms | p99 ms |"
echo "| ---: | --- | ---: | ---: | ---: |"
for round in $(seq 1 "$ROUNDS"); do
  for mode in Normal Full; do
    read -r rate p50 p99 < <(run "$mode" "$round")
    echo "| $round | $mode | $rate | $p50 | $p99 |"
    samples[$mode,rate]+="$rate "; samples[$mode,p50]+="$p50 "; samples[$mode,p99]+="$p99 "
  done
done
echo
for mode in Normal Full; do
  echo "median $mode: $(tr ' ' '\n' <<<"${samples[$mode,rate]}" | grep . | median) events/s, p50 $(tr ' ' '\n' <<<"${samples[$mode,p50]}" | grep . | median) ms, p99 $(tr ' ' '\n' <<<"${samples[$mode,p99]}" | grep . | median) ms"
done
