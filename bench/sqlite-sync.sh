#!/usr/bin/env bash
# bench/sqlite-sync.sh — callback ingestion on SQLite with Storage:SqliteSynchronous Normal and Full, alternating
# ROUNDS times (each run on a fresh database), same load as bench/run.sh's ingestion part. Prints a table and medians.
# Knobs: ROUNDS (3), ROOMS (2000), ROOM_CONCURRENCY (64).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOG_TAG=bench
source tools/lib.sh

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
  local mode=$1 round=$2 port pid line
  port=$(free_port)
  (cd "$OUT/service" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Twilio__AuthToken=$TOKEN Twilio__AccountSid=$ACCOUNT Twilio__PublicBaseUrl="http://127.0.0.1:$port" \
    Storage__Provider=Sqlite Storage__SqlitePath="$OUT/$mode-$round.db" Storage__SqliteSynchronous="$mode" \
    Admin__ApiKeys__0__Name=bench Admin__ApiKeys__0__Key=bench-admin-key-0123456789 Reconciliation__Enabled=false \
    Serilog__MinimumLevel__Default=Information Serilog__WriteTo__0__Args__configure__0__Name=File \
    Serilog__WriteTo__0__Args__configure__0__Args__path="$OUT/$mode-$round.log" Serilog__WriteTo__0__Args__configure__0__Args__buffered=true \
    dotnet ContactCenter.Api.dll --urls "http://127.0.0.1:$port") > "$OUT/$mode-$round.stdout" 2>&1 &
  pid=$!
  CLEANUP+=("kill $pid 2>/dev/null")
  until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$OUT/$mode-$round.stdout" >&2; log "the service did not start"; exit 1; }
    sleep 0.02
  done
  node bench/ingest.js "http://127.0.0.1:$port" "$TOKEN" "$ACCOUNT" 200 16 >/dev/null
  line=$(node bench/ingest.js "http://127.0.0.1:$port" "$TOKEN" "$ACCOUNT" "$ROOMS" "$ROOM_CONCURRENCY" | grep '^RESULT')
  kill "$pid"; wait "$pid" 2>/dev/null || true
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
