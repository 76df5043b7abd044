#!/usr/bin/env bash
# bench/run.sh — the service's speed, measured beside a bare Kestrel baseline on this machine.
#   /voice: wrk at 32 and 256 connections, service and baseline alternating, ROUNDS rounds (median kept).
#   /conference-events: signed callback sequences for many concurrent rooms, on SQLite and PostgreSQL.
# Writes bench/out/results.md (copy it into bench/RESULTS.md). Fails on any non-2xx answer.
# Knobs: ROUNDS (3), DURATION (10s), ROOMS (2000), ROOM_CONCURRENCY (64), TELEMETRY (off; on: OTLP traces and metrics to a
# local sink, every span recorded unless TRACE_RATIO samples them (0.1) or turns traces off (0), and /metrics scraped every 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOG_TAG=bench
source tools/lib.sh
source bench/service.sh

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
ROOMS=${ROOMS:-2000}
ROOM_CONCURRENCY=${ROOM_CONCURRENCY:-64}
TELEMETRY=${TELEMETRY:-off}
TOKEN=bench-auth-token-0123456789abcdef
ACCOUNT=AC0123456789abcdef0123456789abcdef
OUT=$ROOT/bench/out
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.db*

command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
log "publishing the service and the baseline (Release)"
dotnet publish src/ContactCenter.Api -c Release -o "$OUT/service" --nologo -v q >&2
dotnet publish bench/Baseline -c Release -o "$OUT/baseline" --nologo -v q >&2

TELEMETRY_ENV=()
if [ "$TELEMETRY" = on ]; then
  SINK_PORT=$(free_port)
  node bench/otlp-sink.js "$SINK_PORT" > "$OUT/otlp-sink.stdout" 2>&1 &
  SINK_PID=$!
  CLEANUP+=("kill $SINK_PID 2>/dev/null")
  wait_for_port "$SINK_PORT" otlp-sink
  TELEMETRY_ENV=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
    OTEL_METRIC_EXPORT_INTERVAL=10000 Telemetry__Metrics__Exposure=Admin)
  case "${TRACE_RATIO:-}" in
    "") ;;
    0) TELEMETRY_ENV+=(Telemetry__Traces=false) ;; # metrics only
    *) TELEMETRY_ENV+=(OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG="$TRACE_RATIO") ;;
  esac
fi

# With TELEMETRY=on, scrapes the running service's /metrics every 5 s (as Prometheus would) until killed.
start_scraper() {
  [ "$TELEMETRY" = on ] || return 0
  (while sleep 5; do curl -fs -o /dev/null -H "Authorization: Bearer bench-admin-key-0123456789" "http://127.0.0.1:$PORT/metrics"; done) &
  SCRAPER_PID=$!
  CLEANUP+=("kill $SCRAPER_PID 2>/dev/null")
}

stop_scraper() { [ -z "${SCRAPER_PID:-}" ] || kill "$SCRAPER_PID" 2>/dev/null || true; SCRAPER_PID=; }

start_baseline() {
  BASE_PORT=$(free_port)
  (cd "$OUT/baseline" && exec dotnet Baseline.dll --urls "http://127.0.0.1:$BASE_PORT") > "$OUT/baseline.stdout" 2>&1 &
  BASE_PID=$!
  CLEANUP+=("kill $BASE_PID 2>/dev/null")
  wait_for_port "$BASE_PORT" baseline
}

# run_wrk URL CONNECTIONS -> echoes "rps p50_ms p99_ms"
run_wrk() {
  local url=$1 connections=$2 line
  line=$(wrk -t2 -c"$connections" -d"$DURATION" -s bench/voice.lua "$url" | grep '^RESULT')
  eval "$(echo "$line" | sed 's/^RESULT //')"
  if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then log "$url: $errors socket errors, $non2xx non-2xx answers"; exit 1; fi
  awk -v r="$requests" -v d="$duration_us" -v p50="$p50_us" -v p99="$p99_us" \
    'BEGIN { printf "%.0f %.2f %.2f\n", r / (d / 1e6), p50 / 1000, p99 / 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

start_service voice Sqlite "" "${TELEMETRY_ENV[@]}"
VOICE_STARTUP_MS=$STARTUP_MS
start_scraper
start_baseline
VOICE_PARAMS='{"AccountSid":"'$ACCOUNT'","ApiVersion":"2010-04-01","CallSid":"CA0123456789abcdef0123456789abcdef","CallStatus":"ringing","Called":"+18005550100","CalledCity":"","CalledCountry":"US","CalledState":"","CalledZip":"","Caller":"+14155551234","CallerCity":"SAN FRANCISCO","CallerCountry":"US","CallerState":"CA","CallerZip":"94105","Direction":"inbound","From":"+14155551234","FromCity":"SAN FRANCISCO","FromCountry":"US","FromState":"CA","FromZip":"94105","To":"+18005550100","ToCity":"","ToCountry":"US","ToState":"","ToZip":""}'
mapfile -t signed < <(node bench/sign.js "$TOKEN" "http://127.0.0.1:$PORT/voice" "$VOICE_PARAMS")
export SIGNATURE=${signed[0]} BODY=${signed[1]}

log "warming up"
wrk -t2 -c32 -d3s -s bench/voice.lua "http://127.0.0.1:$PORT/voice" >/dev/null
wrk -t2 -c32 -d3s -s bench/voice.lua "http://127.0.0.1:$BASE_PORT/voice" >/dev/null

declare -A samples
for round in $(seq 1 "$ROUNDS"); do
  for connections in 32 256; do
    for target in service baseline; do
      port=$PORT; [ "$target" = baseline ] && port=$BASE_PORT
      read -r rps p50 p99 < <(run_wrk "http://127.0.0.1:$port/voice" "$connections")
      log "round $round, $connections connections, $target: $rps req/s, p50 $p50 ms, p99 $p99 ms"
      samples[$target,$connections,rps]+="$rps "; samples[$target,$connections,p50]+="$p50 "; samples[$target,$connections,p99]+="$p99 "
    done
  done
done
VOICE_RSS=$(rss_mb "$PID"); BASE_RSS=$(rss_mb "$BASE_PID")
stop_scraper
kill "$PID" "$BASE_PID"; wait "$PID" "$BASE_PID" 2>/dev/null || true

med() { tr ' ' '\n' <<<"${samples[$1]}" | grep . | median; }
{
  echo "| /voice | connections | req/s | p50 ms | p99 ms | peak RSS MB | service/baseline req/s |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for connections in 32 256; do
    s=$(med "service,$connections,rps"); b=$(med "baseline,$connections,rps")
    ratio=$(awk -v s="$s" -v b="$b" 'BEGIN { printf "%.0f%%", 100 * s / b }')
    echo "| service | $connections | $s | $(med "service,$connections,p50") | $(med "service,$connections,p99") | $VOICE_RSS | $ratio |"
    echo "| baseline | $connections | $b | $(med "baseline,$connections,p50") | $(med "baseline,$connections,p99") | $BASE_RSS | |"
  done
  echo
  echo "Service start-up to first 200 on /healthz: ${VOICE_STARTUP_MS} ms (SQLite, migrations included)."
} > "$OUT/voice.md"

ingest() {
  local name=$1 provider=$2 connection=$3 line
  start_service "$name" "$provider" "$connection" "${TELEMETRY_ENV[@]}"
  start_scraper
  node bench/ingest.js "http://127.0.0.1:$PORT" "$TOKEN" "$ACCOUNT" 200 16 >/dev/null
  line=$(node bench/ingest.js "http://127.0.0.1:$PORT" "$TOKEN" "$ACCOUNT" "$ROOMS" "$ROOM_CONCURRENCY" | grep '^RESULT')
  eval "$(echo "$line" | sed 's/^RESULT //')"
  echo "| $provider | $events | $events_per_s | $(awk -v v="$p50_us" 'BEGIN { printf "%.2f", v / 1000 }') | $(awk -v v="$p99_us" 'BEGIN { printf "%.2f", v / 1000 }') | $(rss_mb "$PID") | $STARTUP_MS |"
  stop_scraper
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

start_postgres
log "ingestion on SQLite and PostgreSQL: $ROOMS rooms x 10 callbacks, $ROOM_CONCURRENCY rooms at once"
{
  echo "| /conference-events | events | events/s | p50 ms | p99 ms | peak RSS MB | start-up ms |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  ingest ingest-sqlite Sqlite ""
  ingest ingest-postgres Postgres "$CONTACTCENTER_TEST_POSTGRES"
} > "$OUT/ingest.md"

{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -sr), .NET $(dotnet --version), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)."
  echo "Command: \`bench/run.sh\` (TELEMETRY=$TELEMETRY${TRACE_RATIO:+ TRACE_RATIO=$TRACE_RATIO} ROUNDS=$ROUNDS DURATION=$DURATION ROOMS=$ROOMS ROOM_CONCURRENCY=$ROOM_CONCURRENCY), $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  cat "$OUT/voice.md"
  echo
  cat "$OUT/ingest.md"
} > "$OUT/results.md"
cp "$OUT/results.md" "$OUT/results-telemetry-$TELEMETRY${TRACE_RATIO:+-$TRACE_RATIO}.md"
cat "$OUT/results.md"
