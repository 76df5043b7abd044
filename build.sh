#!/usr/bin/env bash
# ./build.sh test   Install and start what the tests need (Stoplight Prism for the Twilio REST contract,
#                   a throwaway PostgreSQL on loopback), run the whole suite, stop and remove both.
#                   Idempotent: installed tools are reused, servers are per run.
# Set CONTACTCENTER_TEST_POSTGRES to a connection string to use an existing PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
SHARED=${CONTACTCENTER_SHARED:-$ROOT/../shared}
CLEANUP=()

log() { printf '[build] %s\n' "$*" >&2; }
cleanup() { for action in "${CLEANUP[@]}"; do eval "$action" || true; done; }
trap cleanup EXIT

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_for_port() {
  local port=$1 what=$2
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  log "$what did not start listening on 127.0.0.1:$port"; return 1
}

start_prism() {
  if [ ! -x tools/prism/node_modules/.bin/prism ]; then
    log "installing Stoplight Prism (pinned in tools/prism/package-lock.json)"
    npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error >&2
  fi
  local spec="$SHARED/twilio-oai/twilio_api_v2010.prism.json" port
  [ -f "$spec" ] || { log "missing $spec: shared/ must stand beside the repository"; exit 1; }
  port=$(free_port)
  local logfile="${TMPDIR:-/tmp}/contactcenter-prism-$port.log"
  tools/prism/node_modules/.bin/prism mock -h 127.0.0.1 -p "$port" "$spec" > "$logfile" 2>&1 &
  CLEANUP+=("kill $!; rm -f $logfile")
  wait_for_port "$port" "Prism"
  export CONTACTCENTER_TEST_PRISM_URL="http://127.0.0.1:$port"
  log "Prism serving the Twilio contract at $CONTACTCENTER_TEST_PRISM_URL"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  if [ -n "${CONTACTCENTER_TEST_POSTGRES:-}" ]; then log "using PostgreSQL from CONTACTCENTER_TEST_POSTGRES"; return; fi
  if [ -z "$(pg_bin)" ]; then
    log "installing PostgreSQL (Debian package postgresql)"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
  fi
  local bin data port runas=()
  bin=$(pg_bin)
  data=$(mktemp -d "${TMPDIR:-/tmp}/contactcenter-pg.XXXXXX")
  port=$(free_port)
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$data"; runas=(runuser -u postgres --); fi
  "${runas[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
  "${runas[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  CLEANUP+=("${runas[*]} $bin/pg_ctl -D $data/db -m immediate stop >/dev/null; rm -rf $data")
  export CONTACTCENTER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "throwaway PostgreSQL on 127.0.0.1:$port"
}

case "${1:-test}" in
  test)
    start_prism
    start_postgres
    dotnet test ContactCenter.sln --logger "console;verbosity=normal" "${@:2}"
    ;;
  *)
    echo "usage: ./build.sh test [dotnet test options]" >&2; exit 2 ;;
esac
