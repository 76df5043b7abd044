# Shared by bench/run.sh and bench/sqlite-sync.sh: the published service started with production-like settings.
# Source it after tools/lib.sh, with OUT, TOKEN and ACCOUNT set and the service published to $OUT/service.

now_ms() { date +%s%3N; }
rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# start_service NAME PROVIDER CONNECTION [NAME=VALUE ...] -> sets PID, PORT, STARTUP_MS. Extra settings go to its environment.
start_service() {
  local name=$1 provider=$2 connection=$3 start
  shift 3
  PORT=$(free_port)
  start=$(now_ms)
  (cd "$OUT/service" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Twilio__AuthToken=$TOKEN Twilio__AccountSid=$ACCOUNT Twilio__PublicBaseUrl="http://127.0.0.1:$PORT" \
    Storage__Provider="$provider" Storage__SqlitePath="$OUT/$name.db" ConnectionStrings__ContactCenter="$connection" \
    Admin__ApiKeys__0__Name=bench Admin__ApiKeys__0__Key=bench-admin-key-0123456789 Reconciliation__Enabled=false \
    Serilog__MinimumLevel__Default=Information Serilog__WriteTo__0__Args__configure__0__Name=File \
    Serilog__WriteTo__0__Args__configure__0__Args__path="$OUT/$name.log" Serilog__WriteTo__0__Args__configure__0__Args__buffered=true \
    "$@" dotnet ContactCenter.Api.dll --urls "http://127.0.0.1:$PORT") > "$OUT/$name.stdout" 2>&1 &
  PID=$!
  CLEANUP+=("kill $PID 2>/dev/null")
  until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { cat "$OUT/$name.stdout" >&2; log "$name did not start"; exit 1; }
    sleep 0.02
  done
  STARTUP_MS=$(( $(now_ms) - start ))
}
