#!/usr/bin/env bash
# Hammers a running playground on loopback for a bounded time with a mix of valid and invalid
# submissions and reads, then prints status-code counts and latency percentiles per stream.
#
#   src/test/load/load.sh [base-url] [seconds]      (defaults: http://127.0.0.1:8080, 20)
#
# Start the service first (./mvnw package -DskipTests quarkus:run). Traffic goes to the given base URL
# only, which must be on this machine. Uses `hey` (installed from Debian's packages if missing).
set -euo pipefail

base="${1:-http://127.0.0.1:8080}"
seconds="${2:-20}"
case "$base" in
  http://127.*|http://localhost*|http://\[::1\]*) ;;
  *) echo "Refusing to load $base: only loopback addresses are allowed." >&2; exit 2 ;;
esac

if ! command -v hey >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y hey >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y hey >/dev/null 2>&1; })
  fi
  command -v hey >/dev/null 2>&1 || { echo "hey is not installed and could not be installed" >&2; exit 1; }
fi

curl -fsS "$base/api/strategies" >/dev/null || { echo "No playground answers at $base" >&2; exit 1; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
json='Content-Type: application/json'

# Each stream runs for the same bounded time, side by side: hey -z stops by itself.
hey -z "${seconds}s" -c 4  -m POST -H "$json" \
    -d '{"strategies":["atomic"],"threadCounts":[1],"incrementsPerThread":1000,"trials":1,"warmupTrials":0}' \
    "$base/api/experiments" > "$out/valid-submissions" &
hey -z "${seconds}s" -c 8  -m POST -H "$json" \
    -d '{"strategies":["nope"],"threadCounts":[0],"incrementsPerThread":5,"durationMillis":5}' \
    "$base/api/experiments" > "$out/invalid-submissions" &
hey -z "${seconds}s" -c 4  -m POST -H "$json" -d '{"strategies":[' "$base/api/experiments" > "$out/malformed-json" &
hey -z "${seconds}s" -c 16 "$base/api/strategies" > "$out/read-catalog" &
hey -z "${seconds}s" -c 16 "$base/api/experiments?limit=20" > "$out/read-list" &
wait

printf '\nLoad on %s for %s s, 5 streams side by side (%s cores, %s)\n\n' "$base" "$seconds" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| stream | clients | requests/s | status codes | p50 ms | p90 ms | p99 ms |\n|---|---:|---:|---|---:|---:|---:|\n'
server_errors=0
unexpected=""
client_errors=""
for stream in valid-submissions invalid-submissions malformed-json read-catalog read-list; do
  f="$out/$stream"
  case "$stream" in valid-submissions|malformed-json) c=4 ;; invalid-submissions) c=8 ;; *) c=16 ;; esac
  rps=$(awk '/Requests\/sec:/ {printf "%.0f", $2}' "$f")
  codes=$(awk '/Status code distribution:/ {on=1; next} on && /\[[0-9]+\]/ {gsub(/[\[\]]/,"",$1); printf "%s%s x %s", sep, $1, $2; sep=", "} on && /^$/ {on=0}' "$f")
  pct() { awk -v p="$1%" '$1==p && $2=="in" {printf "%.1f", $3*1000}' "$f"; }
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$stream" "$c" "$rps" "$codes" "$(pct 50)" "$(pct 90)" "$(pct 99)"
  case "$codes" in *5[0-9][0-9]" x"*) server_errors=1 ;; esac
  # The valid submissions are the submission flood: the queue may only accept (202) or refuse (429) them.
  if [ "$stream" = valid-submissions ]; then
    other=$(printf '%s' "$codes" | tr ',' '\n' | awk '$1 != 202 && $1 != 429 && NF {printf "%s%s", sep, $0; sep=","}')
    if [ -n "$other" ]; then unexpected="$unexpected $stream:$other"; fi
  fi
  if grep -q 'Error distribution:' "$f"; then client_errors="$client_errors $stream"; fi
done
if [ -n "$client_errors" ]; then
  echo; echo "Some requests got no HTTP answer (connection errors or timeouts) in:$client_errors" >&2
fi
if [ -n "$unexpected" ]; then
  echo; echo "Valid submissions must be answered 202 or 429; also got:$unexpected" >&2
fi
if [ "$server_errors" -ne 0 ]; then
  echo; echo "The service answered some requests with a 5xx." >&2
fi
if [ "$server_errors" -ne 0 ] || [ -n "$unexpected" ] || [ -n "$client_errors" ]; then exit 1; fi
