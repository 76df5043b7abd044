#!/usr/bin/env bash
# ./build.sh test   Install and start what the tests need (Stoplight Prism for the Twilio REST contract,
#                   a throwaway PostgreSQL on loopback), run the whole suite, stop and remove both.
#                   Idempotent: installed tools are reused, servers are per run.
# Set CONTACTCENTER_TEST_POSTGRES to a connection string to use an existing PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
# Durability is irrelevant for a throwaway test database.
PG_EXTRA_OPTIONS="-c fsync=off"
source tools/lib.sh

case "${1:-test}" in
  test)
    # The browser tests drive Debian's chromium (Playwright's own browser download is not reachable).
    [ -x /usr/bin/chromium ] || [ -n "${CONTACTCENTER_CHROMIUM:-}" ] || apt_install chromium
    start_prism
    start_postgres
    # Every test host would watch its appsettings files: hundreds of hosts exhaust the per-user inotify instances (128).
    export DOTNET_hostBuilder__reloadConfigOnChange=false
    output="${TMPDIR:-/tmp}/contactcenter-test-$$.log"
    CLEANUP+=("rm -f $output")
    status=0
    dotnet test ContactCenter.sln --logger "console;verbosity=normal" "${@:2}" | tee "$output" || status=$?
    # One plain closing line with the counts, whatever the runner printed.
    count() { grep -E "^\s+$1: +[0-9]+" "$output" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
    echo "tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
    exit "$status"
    ;;
  *)
    echo "usage: ./build.sh test [dotnet test options]" >&2; exit 2 ;;
esac
