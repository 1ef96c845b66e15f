#!/usr/bin/env bash
# Is the very first experiment after start-up measured as well as a later one? Starts the packaged app
# on a fresh JVM, submits one experiment and then the identical one again (the service now warm), and
# prints, for every strategy at 1 thread, the median ns/op of both and their ratio, with how the first
# one warmed up. Repeated for --rounds fresh JVMs; the ratio is the median over rounds.
#
#   src/test/load/first-experiment.sh [--rounds N] [--order interleaved|sequential] [--warmup-trials N]
#                                     [--strategies a,b,c] [--threads 1,2,4]
#
#   --rounds N          fresh JVMs, one after the other (default 3)
#   --order ORDER       the experiments' trialOrder (default: the service's default)
#   --warmup-trials N   the experiments' warmupTrials (default: the service's default)
#   --strategies LIST   default unsynchronized,volatile,synchronized,reentrant-lock,atomic,long-adder
#   --threads LIST      default 1,2,4
#
# Each experiment: every strategy at every thread count, 5 trials of 10^6 increments per thread.
# Build first (./mvnw package -DskipTests); the script builds when target/quarkus-app/quarkus-run.jar is
# missing, never rebuilds a stale one. The app listens on 127.0.0.1 with a port the OS picks and keeps its
# results in a temporary directory. Uses curl and python3. JAVA: the java to run (default: a JDK 21+ as
# ./mvnw finds one).
set -euo pipefail

rounds=3
order=""
warmups=""
strategies="unsynchronized,volatile,synchronized,reentrant-lock,atomic,long-adder"
threads="1,2,4"
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --order) order="${2:?--order needs interleaved or sequential}"; shift 2 ;;
    --warmup-trials) warmups="${2:?--warmup-trials needs a number}"; shift 2 ;;
    --strategies) strategies="${2:?--strategies needs a list}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a list}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "--rounds needs a positive whole number, not '$rounds'" >&2; exit 2 ;; esac
case "$order" in ''|interleaved|sequential) ;; *) echo "--order is interleaved or sequential, not '$order'" >&2; exit 2 ;; esac
case "$warmups" in ''|[0-9]|[0-9][0-9]) ;; *) echo "--warmup-trials needs a whole number, not '$warmups'" >&2; exit 2 ;; esac

cd "$(dirname "$0")/../../.."
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -q package -DskipTests
java="${JAVA:-}"
if [ -z "$java" ]; then
  for candidate in "${JAVA_HOME:-}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    v="$("$candidate" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then java="$candidate"; fi
    [ -n "$java" ] && [ "$candidate" != "/usr/lib/jvm/"* ] && break
  done
fi
[ -n "$java" ] || { echo "No Java 21+ found; set JAVA" >&2; exit 1; }

out="$(mktemp -d)"
app_pid=""
cleanup() { [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

body="$(python3 - "$strategies" "$threads" "$order" "$warmups" <<'EOF'
import json, sys
strategies, threads, order, warmups = sys.argv[1:5]
request = {"name": "first experiment", "strategies": strategies.split(","),
           "threadCounts": [int(t) for t in threads.split(",")], "incrementsPerThread": 1000000, "trials": 5}
if order: request["trialOrder"] = order
if warmups: request["warmupTrials"] = int(warmups)
print(json.dumps(request))
EOF
)"

for round in $(seq 1 "$rounds"); do
  log="$out/app.$round.log"
  "$java" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 -Dplayground.store.directory="$out/store.$round" \
    -jar "$jar" > "$log" 2>&1 &
  app_pid=$!
  port=""
  for _ in $(seq 1 240); do
    port="$(sed -n 's/.*Listening on: http:\/\/[^ ]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n1)"
    if [ -n "$port" ] && curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then break; fi
    port=""; sleep 0.25
  done
  [ -n "$port" ] || { echo "the app did not get ready; its log:" >&2; cat "$log" >&2; exit 1; }
  for which in first warm; do
    curl -fsS --max-time 900 -X POST -H 'Content-Type: application/json' -H 'Prefer: wait=600' \
      -d "$body" "http://127.0.0.1:$port/api/experiments" > "$out/$which.$round.json"
  done
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  echo "round $round of $rounds done" >&2
done

python3 - "$out" "$rounds" <<'EOF'
import json, os, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def runs(path):
    with open(path) as f:
        experiment = json.load(f)
    if experiment.get("status") != "COMPLETED":
        sys.exit(f"{path}: the experiment ended {experiment.get('status')}: {experiment.get('statusReason')}")
    return experiment, {r["strategy"]: r for r in experiment["runs"] if r["threads"] == 1}
rows = {}
for round in range(1, rounds + 1):
    first, first_runs = runs(os.path.join(out, f"first.{round}.json"))
    _, warm_runs = runs(os.path.join(out, f"warm.{round}.json"))
    for strategy, run in first_runs.items():
        f = run["summary"]["nsPerOp"]["p50"]
        w = warm_runs[strategy]["summary"]["nsPerOp"]
        w = w["p50"]
        rows.setdefault(strategy, []).append((f, w, run.get("warmup")))
order = first["spec"].get("trialOrder", "sequential")
print(f"\nFirst experiment after start-up against the same one repeated at once, 1 thread, median ns/op, "
      f"{rounds} fresh JVM(s), trial order {order}\n")
print("| strategy | first | warm | first / warm | first's warm-up (trials, ms, compiled, settled) |")
print("|---|---:|---:|---:|---|")
worst = 0
for strategy, values in rows.items():
    ratios = [f / w for f, w, _ in values]
    ratio = statistics.median(ratios)
    worst = max(worst, max(ratios))
    f = statistics.median(v[0] for v in values)
    w = statistics.median(v[1] for v in values)
    warmups = "; ".join(f"{u['trials']}, {u['millis']}, {u.get('compiled')}, {u['settled']}" if u else "n/a"
                        for _, _, u in values)
    print(f"| {strategy} | {f:.2f} | {w:.2f} | {ratio:.2f} | {warmups} |")
print(f"\nWorst single ratio: {worst:.2f} (target: at most 1.25)")
EOF
