#!/usr/bin/env bash
# Benchmark: response intake throughput, latency percentiles and memory, in both modes, each beside a
# baseline measured in the same run on the same process (GET /health/live: bare ASP.NET Core, no work).
# The machine is shared and noisy: read the ratios, not the absolute figures.
#   bench/run.sh [seconds per run, default 10] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-64}"
command -v wrk >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build Survey.sln -c Release -nologo -clp:ErrorsOnly >/dev/null
# Starts a service from its Release build in the background; $! is its process.
start() { dotnet "services/$1/bin/Release/net10.0/$1.dll" >/dev/null 2>&1 & }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_ready() { for _ in $(seq 1 120); do curl -sf "$1/health/ready" >/dev/null && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }
rss_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
wrk_run() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -s "$1" "$2" | grep '^RESULT' | sed 's/^RESULT //'; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
# Staff endpoints need a token: each host run here has no signing key, so it writes a development token into its data folder.
respondents() { curl -s -H "Authorization: Bearer $(cat "$3/dev-token.txt")" "$1/api/v1/staff/surveys/$2/ranking" | grep -oE '"respondents":[0-9]+' | cut -d: -f2; }
row() { printf '| %-34s | %9s | %8s | %8s | %8s | %7s | %8s |\n' "$@"; }

echo "## Intake benchmark ($(date -u +%FT%TZ), $(nproc) cores, ${DURATION}s per run, $CONNECTIONS connections, Release)"
echo
row "run" "req/s" "p50 ms" "p90 ms" "p99 ms" "errors" "RSS MB"
row "---" "---" "---" "---" "---" "---" "---"

report() { # name, result, pid
  row "$1" "$(field "$2" rps)" "$(field "$2" p50)" "$(field "$2" p90)" "$(field "$2" p99)" "$(field "$2" errors)" "$(rss_mb "$3")"
}

# Embedded: one process, in-process bus, SQLite (synchronous=FULL: committed before 202).
data=$(mktemp -d)
port=5160
unset ConnectionStrings__postgres ConnectionStrings__rabbitmq
Urls="http://127.0.0.1:$port" Storage__DataDirectory="$data" Intake__ResponsesPerMinutePerClient=1000000 \
  Logging__LogLevel__Default=Warning start Survey.AllInOne
pid=$!; pids+=("$pid")
base="http://127.0.0.1:$port"
wait_ready "$base"
wrk -t2 -c"$CONNECTIONS" -d3s -s bench/get.lua "$base/health/live" >/dev/null   # warm-up
report "embedded: baseline GET /health/live" "$(wrk_run bench/get.lua "$base/health/live")" "$pid"
# Warm the POST path too (JIT, connections): without it the first seconds of a short run dominate.
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post-response.lua "$base/api/v1/public/surveys/demo/responses" >/dev/null
before=$(respondents "$base" demo "$data")
result=$(wrk_run bench/post-response.lua "$base/api/v1/public/surveys/demo/responses")
report "embedded: POST response → 202" "$result" "$pid"
accepted=$(( $(field "$result" requests) - $(field "$result" errors) ))
embedded_note="embedded: $accepted answered 202 within the run, $(( $(respondents "$base" demo "$data") - before )) counted right after it (202 means committed; the difference is requests still in flight when wrk stopped)"
# Staff reads over what was just posted, weighted to a population table: the ranking as JSON, as a workbook, and the dashboard page.
token=$(cat "$data/dev-token.txt")
printf 'ageGroup;gender;population\n16-24;kvinna;900\n16-24;man;1000\n25-44;kvinna;1800\n25-44;man;1900\n45-64;kvinna;2100\n45-64;man;2200\n65-84;kvinna;1900\n65-84;man;1700\n85+;kvinna;300\n85+;man;200\n' |
  curl -s -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @- "$base/api/v1/staff/surveys/demo/population"
wrk_staff() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -H "Authorization: Bearer $token" -s bench/get.lua "$1" | grep '^RESULT' | sed 's/^RESULT //'; }
report "embedded: GET ranking (JSON)" "$(wrk_staff "$base/api/v1/staff/surveys/demo/ranking")" "$pid"
report "embedded: GET ranking as xlsx" "$(wrk_staff "$base/api/v1/staff/surveys/demo/ranking?format=xlsx")" "$pid"
report "embedded: GET dashboard page" "$(wrk_staff "$base/staff/dashboard/demo")" "$pid"
kill "$pid"; rm -rf "$data"

# Distributed: Staff API, worker and Intake on RabbitMQ (quorum queue) and PostgreSQL.
deploy/rabbitmq.sh start >/dev/null
deploy/postgres.sh start >/dev/null
db="survey_bench_$$"
admin="$(deploy/postgres.sh connection)"
PGPASSWORD=survey-local psql -q -h 127.0.0.1 -p 55432 -U postgres -c "create database $db" >/dev/null
rabbitmqctl -q add_vhost "$db" >/dev/null; rabbitmqctl -q set_permissions -p "$db" guest ".*" ".*" ".*" >/dev/null
export ConnectionStrings__postgres="${admin/Database=postgres/Database=$db}"
export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:5672/$db"
export Logging__LogLevel__Default=Warning
# Intake reads survey definitions from the Staff API's internal route with a service key of this run's own.
service_key=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
staff_data=$(mktemp -d)
Urls=http://127.0.0.1:5162 Storage__DataDirectory="$staff_data" InternalApi__IntakeKey="$service_key" start Survey.Staff.Api; pids+=($!)
wait_ready http://127.0.0.1:5162
Urls=http://127.0.0.1:5163 start Survey.Worker; worker=$!; pids+=("$worker")
wait_ready http://127.0.0.1:5163
Urls=http://127.0.0.1:5161 Intake__StaffApi=http://127.0.0.1:5162/ Intake__StaffApiKey="$service_key" Intake__ResponsesPerMinutePerClient=1000000 \
  ConnectionStrings__postgres= start Survey.Intake.Api; intake=$!; pids+=("$intake")
wait_ready http://127.0.0.1:5161
curl -s -X POST http://127.0.0.1:5162/api/v1/staff/surveys -H "Authorization: Bearer $(cat "$staff_data/dev-token.txt")" \
  -H 'Content-Type: application/json' -d "{
  \"slug\":\"bench\",\"municipalityCode\":\"2514\",\"pledgePeriodStart\":\"2027-01-01\",\"pledgePeriodEnd\":\"2027-12-31\",
  \"opensAt\":\"2020-01-01T00:00:00Z\",\"closesAt\":\"2099-01-01T00:00:00Z\",\"languages\":[\"sv\"],
  \"areas\":[{\"code\":\"centrum\",\"label\":\"Centrum\"},{\"code\":\"nyborg\",\"label\":\"Nyborg\"},{\"code\":\"karlsborg\",\"label\":\"Karlsborg\"},
    {\"code\":\"tore\",\"label\":\"Töre\"},{\"code\":\"sangis\",\"label\":\"Sangis\"},{\"code\":\"morjarv\",\"label\":\"Morjärv\"},{\"code\":\"pala\",\"label\":\"Påläng\"}],\"concerns\":[\"narkotika\",\"inbrott\",\"vald-i-nara-relation\",\"trafik\"]}" >/dev/null
base=http://127.0.0.1:5161
wrk -t2 -c"$CONNECTIONS" -d3s -s bench/get.lua "$base/health/live" >/dev/null
report "distributed: baseline GET /health/live" "$(wrk_run bench/get.lua "$base/health/live")" "$intake"
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post-response.lua "$base/api/v1/public/surveys/bench/responses" >/dev/null   # warm-up
warm=-1; while :; do now=$(respondents http://127.0.0.1:5162 bench "$staff_data"); [ "$now" = "$warm" ] && break; warm=$now; sleep 1; done   # until the worker has counted the warm-up
start=$(date +%s.%N)
result=$(wrk_run bench/post-response.lua "$base/api/v1/public/surveys/bench/responses")
report "distributed: POST response → 202" "$result" "$intake"
accepted=$(( $(field "$result" requests) - $(field "$result" errors) ))
while [ "$(respondents http://127.0.0.1:5162 bench "$staff_data")" -lt "$(( warm + accepted ))" ]; do sleep 0.2; done
end=$(date +%s.%N)
echo
echo "$embedded_note"
awk -v a="$accepted" -v s="$start" -v e="$end" -v d="$DURATION" -v rss="$(rss_mb "$worker")" 'BEGIN {
  printf "distributed: %d accepted; all counted %.2f s after the load stopped; %.0f responses/s end to end; worker RSS %s MB\n", a, e - s - d, a / (e - s), rss }' 
cleanup; pids=()
sleep 1
PGPASSWORD=survey-local psql -q -h 127.0.0.1 -p 55432 -U postgres -c "drop database $db with (force)" >/dev/null || true
rabbitmqctl -q delete_vhost "$db" >/dev/null || true
rm -rf "$staff_data"
