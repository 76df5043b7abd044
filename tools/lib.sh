# Shared by build.sh and bench/run.sh: install and start throwaway servers on loopback, stop them on exit.
# Source it from a script that has `set -euo pipefail` and ROOT set.
CLEANUP=()

log() { printf '[%s] %s\n' "${LOG_TAG:-build}" "$*" >&2; }
cleanup() { for action in "${CLEANUP[@]}"; do eval "$action" || true; done; }
trap cleanup EXIT

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing Debian package(s): $*"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >&2
}

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
  if [ ! -x "$ROOT/tools/prism/node_modules/.bin/prism" ]; then
    log "installing Stoplight Prism (pinned in tools/prism/package-lock.json)"
    npm ci --prefix "$ROOT/tools/prism" --no-audit --no-fund --loglevel=error >&2
  fi
  local spec="$ROOT/tests/vendor/twilio-oai/twilio_api_v2010.prism.json" port logfile
  port=$(free_port)
  logfile="${TMPDIR:-/tmp}/contactcenter-prism-$port.log"
  "$ROOT/tools/prism/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$spec" > "$logfile" 2>&1 &
  CLEANUP+=("kill $!; rm -f $logfile")
  wait_for_port "$port" "Prism"
  export CONTACTCENTER_TEST_PRISM_URL="http://127.0.0.1:$port"
  log "Prism serving the Twilio contract at $CONTACTCENTER_TEST_PRISM_URL"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Exports CONTACTCENTER_TEST_POSTGRES unless it is already set.
start_postgres() {
  if [ -n "${CONTACTCENTER_TEST_POSTGRES:-}" ]; then log "using PostgreSQL from CONTACTCENTER_TEST_POSTGRES"; return; fi
  [ -n "$(pg_bin)" ] || apt_install postgresql
  local bin data port runas=()
  bin=$(pg_bin)
  data=$(mktemp -d "${TMPDIR:-/tmp}/contactcenter-pg.XXXXXX")
  port=$(free_port)
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$data"; runas=(runuser -u postgres --); fi
  "${runas[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
  "${runas[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_EXTRA_OPTIONS:-}" start >/dev/null
  CLEANUP+=("${runas[*]} $bin/pg_ctl -D $data/db -m immediate stop >/dev/null; rm -rf $data")
  export CONTACTCENTER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "throwaway PostgreSQL on 127.0.0.1:$port"
}
