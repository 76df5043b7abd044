#!/usr/bin/env bash
# bench/telemetry.sh — the cost of telemetry, measured interleaved: two copies of the service run side by side, one with
# telemetry off and one with it on (OTLP to a local sink, /metrics mapped), and the same load alternates between them
# PAIRS times, so a machine that slows down or speeds up during the run weighs on both alike.
#   TARGET=voice (default): wrk on POST /voice, CONNECTIONS (32) for DURATION (5s) per turn.
#   TARGET=ingest: bench/ingest.js, ROOMS (2000) x 10 callbacks, 64 rooms at once, on PROVIDER (Sqlite or Postgres).
#   TRACES: off (default: metrics only), or an OTEL_TRACES_SAMPLER_ARG ratio (0.1) with parentbased_traceidratio, or 1.
# Prints each turn and the totals; the first pair is a warm-up and does not count. Needs bench/out/service (bench/run.sh
# publishes it; PUBLISH=1 publishes it here).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOG_TAG=bench
source tools/lib.sh
source bench/service.sh

TARGET=${TARGET:-voice}
TRACES=${TRACES:-off}
PAIRS=${PAIRS:-6}
PROVIDER=${PROVIDER:-Sqlite}
TOKEN=bench-auth-token-0123456789abcdef
ACCOUNT=AC0123456789abcdef0123456789abcdef
OUT=$ROOT/bench/out
mkdir -p "$OUT"
rm -f "$OUT"/telemetry-*.db*
command -v wrk >/dev/null || apt_install wrk
[ "${PUBLISH:-}" != 1 ] || dotnet publish src/ContactCenter.Api -c Release -o "$OUT/service" --nologo -v q >&2

SINK_PORT=$(free_port)
node bench/otlp-sink.js "$SINK_PORT" > "$OUT/otlp-sink.stdout" 2>&1 &
CLEANUP+=("kill $! 2>/dev/null")
wait_for_port "$SINK_PORT" otlp-sink
on=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
  OTEL_METRIC_EXPORT_INTERVAL=10000 Telemetry__Metrics__Exposure=Admin)
case $TRACES in
  off) on+=(Telemetry__Traces=false) ;;
  1) on+=(OTEL_TRACES_SAMPLER=parentbased_always_on) ;;
  *) on+=(OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG="$TRACES") ;;
esac

connection=""
if [ "$PROVIDER" = Postgres ]; then start_postgres; connection=$CONTACTCENTER_TEST_POSTGRES; fi
# /voice is signed over one public URL for both copies, so one signed body serves both.
public=(Twilio__PublicBaseUrl=http://127.0.0.1:1)
[ "$TARGET" = voice ] || public=()
start_service telemetry-off "$PROVIDER" "$connection" "${public[@]}"; declare -A port=([off]=$PORT)
start_service telemetry-on "$PROVIDER" "$connection" "${public[@]}" "${on[@]}"; port[on]=$PORT

if [ "$TARGET" = voice ]; then
  mapfile -t signed < <(node bench/sign.js "$TOKEN" "http://127.0.0.1:1/voice" \
    '{"AccountSid":"'$ACCOUNT'","CallSid":"CA0123456789abcdef0123456789abcdef","CallStatus":"ringing","Direction":"inbound","From":"+14155551234","To":"+18005550100"}')
  export SIGNATURE=${signed[0]} BODY=${signed[1]}
fi

# turn MODE -> echoes the turn's throughput (requests or events per second)
turn() {
  local url="http://127.0.0.1:${port[$1]}" line
  if [ "$TARGET" = voice ]; then
    line=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"${DURATION:-5s}" -s bench/voice.lua "$url/voice" | grep '^RESULT')
    eval "$(echo "$line" | sed 's/^RESULT //')"
    [ "$errors$non2xx" = 00 ] || { log "$1: $errors errors, $non2xx non-2xx"; exit 1; }
    awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f\n", r / (d / 1e6) }'
  else
    line=$(node bench/ingest.js "$url" "$TOKEN" "$ACCOUNT" "${ROOMS:-2000}" 64 | grep '^RESULT')
    eval "$(echo "$line" | sed 's/^RESULT //')"
    echo "$events_per_s"
  fi
}

total_off=0 total_on=0
for ((i = 0; i < PAIRS; i++)); do
  off=$(turn off); on_=$(turn on)
  log "pair $i: off $off/s, on $on_/s$([ "$i" = 0 ] && echo ' (warm-up)')"
  [ "$i" = 0 ] || { total_off=$((total_off + off)); total_on=$((total_on + on_)); }
done
awk -v a="$total_off" -v b="$total_on" -v n=$((PAIRS - 1)) -v t="$TARGET" -v p="$PROVIDER" -v tr="$TRACES" \
  'BEGIN { printf "RESULT target=%s provider=%s traces=%s off_per_s=%.0f on_per_s=%.0f change=%+.1f%%\n", t, p, tr, a / n, b / n, 100 * (b - a) / a }'
