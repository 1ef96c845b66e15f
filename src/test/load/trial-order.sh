#!/usr/bin/env bash
# Which trial order makes two identical experiments agree best on a shared, drifting machine? Starts the
# packaged app once, then for --pairs times and each order (sequential, interleaved, alternating which
# goes first) submits the same experiment twice in a row, and prints per order how far the two runs'
# median ns/op lie apart (the median and the worst over runs and pairs of |log2(second / first)|, shown
# as a factor) and the within-run spread (median coefficient of variation of a run's trials).
#
#   src/test/load/trial-order.sh [--pairs N] [--strategies a,b,c] [--threads 1,2]
#
#   --pairs N           identical pairs per order (default 3)
#   --strategies LIST   default unsynchronized,volatile,synchronized,reentrant-lock,atomic,long-adder
#   --threads LIST      default 1,2
#
# Each experiment: 5 trials of 10^6 increments per thread, one warm-up trial (the service warms up longer
# when the loop is not compiled yet). Build first (./mvnw package -DskipTests). Uses curl and python3;
# JAVA picks the java (default: java on PATH if 21+, else the newest under /usr/lib/jvm).
set -euo pipefail

pairs=3
strategies="unsynchronized,volatile,synchronized,reentrant-lock,atomic,long-adder"
threads="1,2"
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="${2:?--pairs needs a number}"; shift 2 ;;
    --strategies) strategies="${2:?--strategies needs a list}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a list}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$pairs" in ''|*[!0-9]*|0) echo "--pairs needs a positive whole number, not '$pairs'" >&2; exit 2 ;; esac

cd "$(dirname "$0")/../../.."
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -q package -DskipTests
java="${JAVA:-}"
if [ -z "$java" ]; then
  if command -v java >/dev/null && [ "$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)" -ge 21 ]; then
    java=java
  else
    java="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -n1)"
  fi
fi
[ -n "$java" ] || { echo "No Java 21+ found; set JAVA" >&2; exit 1; }

out="$(mktemp -d)"
app_pid=""
cleanup() { [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT
"$java" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 -Dplayground.store.directory="$out/store" -jar "$jar" > "$out/app.log" 2>&1 &
app_pid=$!
port=""
for _ in $(seq 1 240); do
  port="$(sed -n 's/.*Listening on: http:\/\/[^ ]*:\([0-9][0-9]*\).*/\1/p' "$out/app.log" | head -n1)"
  if [ -n "$port" ] && curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then break; fi
  port=""; sleep 0.25
done
[ -n "$port" ] || { echo "the app did not get ready" >&2; cat "$out/app.log" >&2; exit 1; }

submit() {  # order, output file
  local body
  body="$(printf '{"strategies":["%s"],"threadCounts":[%s],"incrementsPerThread":1000000,"trials":5,"warmupTrials":1,"trialOrder":"%s"}' \
    "${strategies//,/\",\"}" "$threads" "$1")"
  curl -fsS --max-time 900 -X POST -H 'Content-Type: application/json' -H 'Prefer: wait=600' -d "$body" \
    "http://127.0.0.1:$port/api/experiments" > "$2"
}
submit interleaved "$out/discard.json"   # the JIT's first pass over every strategy, measured by nobody
for pair in $(seq 1 "$pairs"); do
  if [ $((pair % 2)) -eq 1 ]; then orders="sequential interleaved"; else orders="interleaved sequential"; fi
  for order in $orders; do
    submit "$order" "$out/$order.$pair.a.json"
    submit "$order" "$out/$order.$pair.b.json"
  done
  echo "pair $pair of $pairs done" >&2
done

python3 - "$out" "$pairs" <<'EOF'
import json, math, os, statistics, sys
out, pairs = sys.argv[1], int(sys.argv[2])
def load(path):
    with open(path) as f:
        e = json.load(f)
    assert e["status"] == "COMPLETED", (path, e.get("statusReason"))
    return {(r["strategy"], r["threads"]): r for r in e["runs"]}
print("\n| order | two identical experiments: median gap | worst gap | spread within a run (median CV) |")
print("|---|---:|---:|---:|")
for order in ("sequential", "interleaved"):
    gaps, cvs = [], []
    for pair in range(1, pairs + 1):
        a = load(os.path.join(out, f"{order}.{pair}.a.json"))
        b = load(os.path.join(out, f"{order}.{pair}.b.json"))
        for key in a:
            gaps.append(abs(math.log2(b[key]["summary"]["nsPerOp"]["p50"] / a[key]["summary"]["nsPerOp"]["p50"])))
            for run in (a[key], b[key]):
                s = run["summary"]["nsPerOp"]
                if s.get("stddev") is not None and s["mean"] > 0:
                    cvs.append(s["stddev"] / s["mean"])
    print(f"| {order} | x{2 ** statistics.median(gaps):.3f} | x{2 ** max(gaps):.3f} | {statistics.median(cvs):.3f} |")
EOF
