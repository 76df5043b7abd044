#!/usr/bin/env bash
# bench/routing.sh — routing latency: AGENTS agents all available in QUEUES queues, CALLERS signed customer joins as
# fast as CONCURRENCY allows (and once more one at a time: the latency when routing keeps up), a stub Twilio
# (bench/routing.js) timing each agent dial; on SQLite and PostgreSQL.
# Each row first routes WARMUP uncounted callers (bench/routing.js) on the fresh service; the last two rows are cold (none).
# Writes bench/out/routing.md. Knobs: AGENTS (500), CALLERS (1000), CONCURRENCY (64), QUEUES (1), WARMUP (50).
# RATES (e.g. "100 200 400"): one more row per rate and database with joins on a fixed schedule (open loop, bench/routing.js RATE).
# BURST=0 skips the six rows above (open-loop rows only). Set SKIP_PUBLISH=1 to reuse bench/out/service.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOG_TAG=bench
source tools/lib.sh
source bench/service.sh

AGENTS=${AGENTS:-500}
CALLERS=${CALLERS:-1000}
CONCURRENCY=${CONCURRENCY:-64}
QUEUES=${QUEUES:-1}
WARMUP=${WARMUP:-50}
RATES=${RATES:-}
BURST=${BURST:-1}
TOKEN=bench-auth-token-0123456789abcdef
ACCOUNT=AC0123456789abcdef0123456789abcdef
OUT=$ROOT/bench/out
mkdir -p "$OUT"
rm -f "$OUT"/routing-*

if [ "${SKIP_PUBLISH:-}" != 1 ]; then
  log "publishing the service (Release)"
  dotnet publish src/ContactCenter.Api -c Release -o "$OUT/service" --nologo -v q >&2
fi

settings=(Routing__InitialPresence=available Twilio__CallerId=+15005550006)
for ((i = 0; i < AGENTS; i++)); do
  settings+=("Agents__${i}__Id=agent$i" "Agents__${i}__Name=Agent $i" "Agents__${i}__Endpoint=client:agent$i")
  q=$((i % QUEUES)); n=$((i / QUEUES))
  settings+=("Queues__${q}__Agents__${n}=agent$i")
done
for ((q = 0; q < QUEUES; q++)); do
  settings+=("Queues__${q}__Id=q$q" "Queues__${q}__Numbers__0=+1800555$(printf '%04d' $q)" "Queues__${q}__WrapUpSeconds=0"
    "Queues__${q}__MaxNoAnswer=0" "Routing__Wait__MusicUrl=https://example.com/hold.mp3")
done

# routing.js's per-stage line (stderr) goes to routing-stages.txt, anything else it says to stderr.
stages() {
  local line
  while IFS= read -r line; do
    case $line in STAGES*) echo "$1 ${line#STAGES }" >> "$OUT/routing-stages.txt" ;; *) echo "$line" >&2 ;; esac
  done
}

route() {
  local name=$1 provider=$2 connection=$3 in_flight=$4 warmup=$5 rate=${6:-0} stub line label
  stub=$(free_port)
  start_service "$name" "$provider" "$connection" "${settings[@]}" Twilio__ApiBaseUrl="http://127.0.0.1:$stub"
  line=$(WARMUP=$warmup RATE=$rate node bench/routing.js "http://127.0.0.1:$PORT" "$TOKEN" "$ACCOUNT" "$stub" "$CALLERS" "$in_flight" "$QUEUES" 2> >(stages "$name") | grep '^RESULT') \
    || { log "$name: routing.js failed: $line"; exit 1; }
  label=$in_flight; [ "$rate" = 0 ] || label="open loop, $rate/s"
  log "$provider, $label, $warmup warm-up: $line"
  eval "$(echo "$line" | sed 's/^RESULT //')"
  echo "| $provider | $label | $warmup | $AGENTS | $routed | $routed_per_s | $p50_ms | $p99_ms | $max_ms | $(rss_mb "$PID") |"
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

start_postgres
log "routing: $AGENTS agents in $QUEUES queue(s), $CALLERS callers, $CONCURRENCY joins in flight"
{
  echo "| routing | joins in flight | warm-up callers | agents | callers routed | routed/s | p50 ms | p99 ms | max ms | peak RSS MB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  if [ "$BURST" = 1 ]; then
    route routing-sqlite Sqlite "" "$CONCURRENCY" "$WARMUP"
    route routing-postgres Postgres "$CONTACTCENTER_TEST_POSTGRES" "$CONCURRENCY" "$WARMUP"
    route routing-sqlite-1 Sqlite "" 1 "$WARMUP"
    route routing-postgres-1 Postgres "$CONTACTCENTER_TEST_POSTGRES" 1 "$WARMUP"
    route routing-sqlite-cold Sqlite "" "$CONCURRENCY" 0
    route routing-postgres-cold Postgres "$CONTACTCENTER_TEST_POSTGRES" "$CONCURRENCY" 0
  fi
  for rate in $RATES; do
    route "routing-sqlite-r$rate" Sqlite "" "$CONCURRENCY" "$WARMUP" "$rate"
    route "routing-postgres-r$rate" Postgres "$CONTACTCENTER_TEST_POSTGRES" "$CONCURRENCY" "$WARMUP" "$rate"
  done
} > "$OUT/routing.md"
echo "Machine: $(nproc) cores, $(uname -sr), .NET $(dotnet --version); bench/routing.sh AGENTS=$AGENTS CALLERS=$CALLERS CONCURRENCY=$CONCURRENCY QUEUES=$QUEUES WARMUP=$WARMUP RATES='$RATES', $(date -u '+%Y-%m-%d %H:%M UTC')." >> "$OUT/routing.md"
cat "$OUT/routing.md"
cat "$OUT/routing-stages.txt" 2>/dev/null || true
