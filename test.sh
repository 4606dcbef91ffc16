#!/usr/bin/env bash
# Runs every test of the project, as README.md says: ./test.sh
# Installs (from Debian's packages, when missing) and starts RabbitMQ and a throwaway PostgreSQL on
# loopback, installs Chromium and axe-core for the browser tests and Snowball's stemmer for the free-text classifier, builds the solution, runs the unit and integration tests, prints what the tests measured,
# and stops the servers it started. Extra arguments go to `dotnet test` (e.g. --filter Embedded).
set -euo pipefail
# Run under flock(1) (as the helpers' and CI's wrappers may do), this script inherits the lock's file descriptor; the
# servers it starts would inherit it too and keep the lock after it ends. Only stdin, stdout and stderr go on.
for fd in /proc/$$/fd/*; do fd=${fd##*/}; case "$fd" in 0|1|2|255) ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac; done
cd "$(dirname "$0")"

stop_after=()
deploy/rabbitmq.sh status >/dev/null 2>&1 || stop_after+=(rabbitmq)
deploy/postgres.sh status >/dev/null 2>&1 || stop_after+=(postgres)
cleanup() {
  for server in "${stop_after[@]}"; do "deploy/$server.sh" stop || true; done
}
trap cleanup EXIT

deploy/rabbitmq.sh start
deploy/postgres.sh start
deploy/browser.sh
deploy/stemmer.sh
export ConnectionStrings__postgres="$(deploy/postgres.sh connection)"
export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:5672/"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Survey.sln -c Debug -nologo -clp:ErrorsOnly

mkdir -p TestResults
rm -f TestResults/measurements.txt
status=0
dotnet test Survey.sln -c Debug --no-build -nologo "$@" 2>&1 | tee TestResults/test-output.txt || status=$?

if [ -f TestResults/measurements.txt ]; then
  echo
  echo "Measured by the tests (shared machine: compare ratios, not absolute times):"
  sed 's/^/  /' TestResults/measurements.txt
fi
passed=$(grep -oE 'Passed: +[0-9]+' TestResults/test-output.txt | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' TestResults/test-output.txt | awk '{s+=$2} END {print s+0}')
echo
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
