#!/usr/bin/env bash
# Compares the experiment stores (playground.store.kind = memory | embedded | postgresql) side by side
# in one run on loopback, and prints a Markdown table with the median over rounds of:
#   (a) reads/s of one finished experiment   GET /api/experiments/{id}
#   (b) reads/s of the list                  GET /api/experiments?limit=20, with 50 experiments stored
#   (c) accepted submissions/s               POST /api/experiments (202s per second)
#   (d) one tiny experiment end to end       POST with "Prefer: wait=30", median ms of sequential calls
# and, for each persistent store, its ratio to memory in % for (a), (b) and (c).
#
#   src/test/load/store-bench.sh [--quick] [--rounds N] [--seconds S] [--settle S] [--settle-max S]
#                                [--samples N] [--warmup N] [--stores memory,embedded,postgresql]
#
#   --rounds N     rounds (default 3); each round starts every store once, in the given order, so
#                  the drift of a noisy shared machine spreads evenly over the stores
#   --seconds S    length of each hey measurement (default 10)
#   --settle S     unrecorded seconds of the same load before each, at least (default 10), and then
#                  more, 5 s at a time, until the JIT is done (see --settle-max)
#   --settle-max S at most this many unrecorded seconds before each (default 120). Each start is a
#                  fresh JVM, and the JIT compiles the service's code for as long as new paths get hot:
#                  after 2 s the list ran at 3,459/s in memory and 2,809/s embedded (medians of 3
#                  rounds), after 10 s at 12,059 and 9,792/s; under submissions the compiler threads still
#                  used a fifth of the machine after 10 s and quieted after 35 to 75 s, while accepted
#                  submissions/s rose from 1,580 to 3,800 in memory and from 880 to 1,750 with
#                  PostgreSQL. So the load goes on until the JIT's threads (C1, C2, read from /proc) used
#                  under 5 % of a core over the last 5 s; where /proc has no threads, --settle alone counts
#   --samples N    sequential calls timed for (d) (default 50)
#   --warmup N     unrecorded calls before them (default 300): the write path (admission, claim, end,
#                  wake-up) is not warmed by (a) and (b), and after 20 calls a tiny experiment took twice
#                  as long as after 1,000, in either store
#   --stores LIST  which stores, comma-separated (default memory,embedded,postgresql)
#   --quick        smoke run: 1 round, 3 s per measurement after 1 s unrecorded, 20 warm-up calls
#
# Build first: ./mvnw package -DskipTests (the script builds it when target/quarkus-app/quarkus-run.jar
# is missing, but never rebuilds a stale one). For each store and round it starts that jar on
# 127.0.0.1 with a port the OS picks, waits for /q/health/ready (at most 60 s; a store that does not
# get there, e.g. with PostgreSQL unreachable, is reported and skipped), measures (a), (b), (d), then
# (c) last, since the runner works off the accepted submissions afterwards, and stops it. Each start
# is a fresh JVM, so (a), (b) and (c) are preceded by the same load, unrecorded, until the JIT is done
# (--settle, --settle-max), and (d) by --warmup unrecorded calls. The table says how long each settled.
#
# Environment:
#   JAVA            the java to run the app with; otherwise a Java 21+ found as ./mvnw finds one
#                   (JAVA_HOME, PATH, then the newest JDK 21+ under /usr/lib/jvm and the like)
#   BENCH_HOST      loopback address the app listens on (default 127.0.0.1)
#   PG_HOST PG_PORT PG_DB PG_USER
#                   the PostgreSQL for the postgresql store (default 127.0.0.1 5432 test postgres,
#                   trust authentication). The script creates schema store_bench there for each run
#                   of that store (so every round starts empty) and drops it at the end.
#
# Traffic goes to loopback only. Uses `hey` (installed from Debian's packages if missing), curl, psql.
# A build that does not know playground.store.kind yet refuses it as an unknown playground.store.*
# property; the script then starts it once more with that check off, so it runs the in-memory store,
# and says so in the table.
set -euo pipefail

rounds=3
seconds=10
samples=50
warmup=300
hey_warmup=10
settle_max=120
stores="memory,embedded,postgresql"
ready_timeout=60
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rounds=1; seconds=3; hey_warmup=1; settle_max=1; warmup=20; shift ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --samples) samples="${2:?--samples needs a number}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs a number}"; shift 2 ;;
    --settle) hey_warmup="${2:?--settle needs a number}"; shift 2 ;;
    --settle-max) settle_max="${2:?--settle-max needs a number}"; shift 2 ;;
    --stores) stores="${2:?--stores needs a list}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$rounds" "$seconds" "$samples" "$hey_warmup" "$settle_max"; do
  case "$n" in ''|*[!0-9]*|0) echo "--rounds, --seconds, --settle, --settle-max and --samples need a positive whole number, not '$n'" >&2; exit 2 ;; esac
done
IFS=',' read -r -a store_list <<< "$stores"
for s in "${store_list[@]}"; do
  case "$s" in memory|embedded|postgresql) ;; *) echo "Unknown store '$s' (memory, embedded, postgresql)" >&2; exit 2 ;; esac
done

host="${BENCH_HOST:-127.0.0.1}"
pg_host="${PG_HOST:-127.0.0.1}"
pg_port="${PG_PORT:-5432}"
pg_db="${PG_DB:-test}"
pg_user="${PG_USER:-postgres}"
pg_schema=store_bench
loopback() { case "$1" in 127.*|localhost|::1|\[::1\]) return 0 ;; *) return 1 ;; esac; }
loopback "$host" || { echo "Refusing to benchmark on $host: only loopback addresses are allowed." >&2; exit 2; }
loopback "$pg_host" || { echo "Refusing to use PostgreSQL on $pg_host: only loopback addresses are allowed." >&2; exit 2; }

cd "$(dirname "$0")/../../.."   # the project root, where target/ is

if ! command -v hey >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y hey >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y hey >/dev/null 2>&1; })
  fi
  command -v hey >/dev/null 2>&1 || { echo "hey is not installed and could not be installed" >&2; exit 1; }
fi
command -v curl >/dev/null 2>&1 || { echo "curl is needed" >&2; exit 1; }

# The java: $JAVA, else like ./mvnw: JAVA_HOME or PATH if 21+, else the newest JDK 21+ installed.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'; }
find_java() {
  local current major best="" best_major=0 home
  current="${JAVA_HOME:+$JAVA_HOME/bin/java}"
  [ -n "$current" ] || current="$(command -v java 2>/dev/null || true)"
  if [ -n "$current" ] && [ -x "$current" ]; then
    major="$(java_major "$current")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$current"; return; fi
  fi
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/java" ] || continue
    major="$(java_major "$home/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$home/bin/java"; best_major="$major"; fi
  done
  echo "$best"
}
java="${JAVA:-$(find_java)}"
[ -n "$java" ] && [ -x "$java" ] || { echo "No Java 21 or newer found; set JAVA to one." >&2; exit 1; }
jmajor="$(java_major "$java")"
[ -n "$jmajor" ] && [ "$jmajor" -ge 21 ] || { echo "$java is Java ${jmajor:-of unknown version}; the app needs 21 or newer." >&2; exit 1; }

jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ]; then
  echo "No $jar: building it with ./mvnw package -DskipTests ..." >&2
  ./mvnw -q package -DskipTests >&2
  [ -f "$jar" ] || { echo "The build did not produce $jar" >&2; exit 1; }
elif [ -n "$(find src/main pom.xml -newer "$jar" -type f 2>/dev/null | head -n1)" ]; then
  echo "Note: sources changed since $jar was built; run ./mvnw package -DskipTests to measure them." >&2
fi

out="$(mktemp -d)"
app_pid=""
pg_schema_made=0
psql_do() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" -c "$1" >/dev/null 2>&1; }
stop_app() {
  [ -n "$app_pid" ] || return 0
  kill "$app_pid" 2>/dev/null || true
  # Graceful shutdown takes about 1 s (delay) plus up to 10 s (timeout), more with a long backlog.
  for _ in $(seq 1 40); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}
cleanup() {
  stop_app
  if [ "$pg_schema_made" -eq 1 ]; then psql_do "drop schema if exists $pg_schema cascade" || true; fi
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_ok=1
pg_problem=""
if [[ " ${store_list[*]} " == *" postgresql "* ]]; then
  if ! command -v psql >/dev/null 2>&1; then
    pg_ok=0; pg_problem="psql is not installed"
  elif ! psql_do "select 1"; then
    pg_ok=0; pg_problem="PostgreSQL at $pg_host:$pg_port/$pg_db does not answer user $pg_user"
  fi
fi

tiny='{"strategies":["atomic"],"threadCounts":[1],"incrementsPerThread":1000,"trials":1,"warmupTrials":0}'
json='Content-Type: application/json'
lenient=0        # set once this build turned out not to know playground.store.kind
start_note=""    # why the last start_app failed

# Starts the jar for one store with the OS picking the port; sets app_pid and base, or start_note.
start_app() {
  local kind="$1" log="$2" port="" i
  local -a props=(-Dquarkus.http.host="$host" -Dquarkus.http.port=0 -Dplayground.queue.capacity=100000
                  -Dplayground.store.kind="$kind")
  case "$kind" in
    embedded)
      rm -rf "$out/h2"; mkdir -p "$out/h2"
      props+=(-Dplayground.store.directory="$out/h2") ;;
    postgresql)
      psql_do "drop schema if exists $pg_schema cascade; create schema $pg_schema" \
        || { start_note="could not create schema $pg_schema in PostgreSQL"; return 1; }
      pg_schema_made=1
      props+=(-Dquarkus.datasource.postgresql.jdbc.url="jdbc:postgresql://$pg_host:$pg_port/$pg_db?currentSchema=$pg_schema"
              -Dquarkus.datasource.postgresql.username="$pg_user") ;;
  esac
  [ "$lenient" -eq 0 ] || props=(-Dsmallrye.config.mapping.validate-unknown=false "${props[@]}")
  "$java" "${props[@]}" -jar "$jar" > "$log" 2>&1 &
  app_pid=$!
  for i in $(seq 1 $((ready_timeout * 4))); do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      wait "$app_pid" 2>/dev/null || true; app_pid=""
      if [ "$lenient" -eq 0 ] && grep -q 'SRCFG00050: playground.store.kind' "$log"; then
        lenient=1
        echo "  this build does not know playground.store.kind: starting again with unknown-property checks off (in-memory store)" >&2
        start_app "$kind" "$log"; return
      fi
      start_note="exited during start-up: $(grep -m1 -A1 -iE 'error|exception|failed' "$log" | tr -s '\n\t|' '  /' | cut -c1-200 || true)"
      return 1
    fi
    [ -n "$port" ] || port="$(sed -n 's/.*Listening on: http:\/\/[^ ]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n1)"
    if [ -n "$port" ] && curl -fsS -o /dev/null --max-time 2 "http://$host:$port/q/health/ready" 2>/dev/null; then
      base="http://$host:$port"
      return 0
    fi
    sleep 0.25
  done
  stop_app
  start_note="not ready within ${ready_timeout} s"
  return 1
}

submit_wait() {  # one tiny experiment, answered once finished; prints the body
  curl -fsS --max-time 40 -X POST -H "$json" -H 'Prefer: wait=30' -d "$tiny" "$base/api/experiments"
}
# hey output -> "<count of the given status> <total seconds>"
hey_count() { awk -v code="[$2]" '$1 == "Total:" {t=$2} $1==code {n=$2} END {printf "%d %s\n", n, t}' "$1"; }
per_second() { awk -v n="$1" -v t="$2" 'BEGIN {if (t > 0) printf "%.0f", n / t; else print ""}'; }
other_codes() {  # status codes other than the expected one, and client errors, for warnings
  awk -v code="[$2]" '/Status code distribution:/ {on=1; next} on && /^ *\[[0-9]+\]/ && $1 != code {printf " %s x %s", $1, $2} on && /^$/ {on=0}
                      /Error distribution:/ {printf " (and connection errors)"}' "$1"
}
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2] + v[NR/2+1]) / 2}'; }

# CPU ticks the app's JIT compiler threads have used so far; empty where /proc does not show them.
jit_ticks() {
  local t comm total="" ticks
  for t in /proc/"$app_pid"/task/*; do
    comm="$(cat "$t/comm" 2>/dev/null)" || continue
    case "$comm" in
      C1\ CompilerThre*|C2\ CompilerThre*)
        ticks="$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)" || continue
        total=$(( ${total:-0} + ${ticks:-0} )) ;;
    esac
  done
  echo "$total"
}
# The load given as hey's arguments, unrecorded, for --settle seconds and then 5 s at a time until the JIT's
# threads used under 5 % of a core in the last 5 s, or --settle-max seconds in all; prints the seconds it took.
settle() {
  local spent="$hey_warmup" before after hz
  hz="$(getconf CLK_TCK 2>/dev/null || echo 100)"
  hey -z "${hey_warmup}s" -c 5 "$@" > /dev/null || true
  while [ "$spent" -lt "$settle_max" ]; do
    before="$(jit_ticks)"
    [ -n "$before" ] || break
    hey -z 5s -c 5 "$@" > /dev/null || true
    spent=$((spent + 5))
    after="$(jit_ticks)"
    [ -n "$after" ] || break
    # 5 % of a core over 5 s is a quarter of a second of CPU
    [ $(( (after - before) * 4 )) -ge "$hz" ] || break
  done
  echo "$spent"
}

# One store, one round: appends "a b c d" and the seconds (a), (b) and (c) settled to $out/<store>.results, or the reason to $out/<store>.failed.
measure() {
  local kind="$1" round="$2" f id n t a b c d extra sa sb sc
  f="$out/$kind.$round"
  if [ "$kind" = postgresql ] && [ "$pg_ok" -eq 0 ]; then
    echo "  $kind: skipped, $pg_problem" >&2; echo "$pg_problem" >> "$out/$kind.failed"; return
  fi
  if ! start_app "$kind" "$f.log"; then
    echo "  $kind: failed to start, $start_note" >&2; echo "$start_note" >> "$out/$kind.failed"; return
  fi
  [ "$lenient" -eq 0 ] || touch "$out/$kind.lenient"

  # (a) one finished experiment
  id="$(submit_wait | grep -o '"id":"[^"]*"' | head -n1 | cut -d'"' -f4)" || id=""
  if [ -z "$id" ]; then
    stop_app; echo "  $kind: the first tiny experiment failed" >&2; echo "tiny experiment failed" >> "$out/$kind.failed"; return
  fi
  sa="$(settle "$base/api/experiments/$id")"
  hey -z "${seconds}s" -c 5 "$base/api/experiments/$id" > "$f.one" || true
  read -r n t < <(hey_count "$f.one" 200); a="$(per_second "$n" "$t")"

  # (b) the list, with 50 experiments stored
  for _ in $(seq 2 50); do submit_wait > /dev/null || true; done
  sb="$(settle "$base/api/experiments?limit=20")"
  hey -z "${seconds}s" -c 5 "$base/api/experiments?limit=20" > "$f.list" || true
  read -r n t < <(hey_count "$f.list" 200); b="$(per_second "$n" "$t")"

  # (d) one tiny experiment end to end, sequential, while nothing else runs
  for _ in $(seq 1 "$warmup"); do submit_wait > /dev/null || true; done
  for _ in $(seq 1 "$samples"); do
    curl -sS -o /dev/null --max-time 40 -w '%{http_code} %{time_total}\n' -X POST -H "$json" -H 'Prefer: wait=30' \
      -d "$tiny" "$base/api/experiments" || true
  done > "$f.tiny"
  d="$(awk '$1 == 200 {printf "%.1f\n", $2 * 1000}' "$f.tiny" | median)"
  extra="$(awk '$1 != 200 {n++} END {if (n) printf " (%d of the timed calls not 200)", n}' "$f.tiny")"

  # (c) accepted submissions: last, the runner works off the backlog until the app is stopped
  sc="$(settle -m POST -H "$json" -d "$tiny" "$base/api/experiments")"
  hey -z "${seconds}s" -c 5 -m POST -H "$json" -d "$tiny" "$base/api/experiments" > "$f.submit" || true
  read -r n t < <(hey_count "$f.submit" 202); c="$(per_second "$n" "$t")"
  stop_app

  for m in one:200 list:200 submit:202; do
    local o; o="$(other_codes "$f.${m%%:*}" "${m##*:}")"
    [ -z "$o" ] || extra="$extra (${m%%:*}:$o)"
  done
  [ -z "$extra" ] || echo "  $kind: unexpected answers$extra" >&2
  echo "  $kind: one $a/s, list $b/s, accepted $c/s, tiny experiment $d ms (settled ${sa}/${sb}/${sc} s)" >&2
  echo "$a $b $c $d $sa $sb $sc" >> "$out/$kind.results"
}

echo "Store benchmark: ${rounds} round(s) of ${stores}, ${seconds} s per hey measurement, ${samples} timed tiny experiments" >&2
for r in $(seq 1 "$rounds"); do
  echo "Round $r of $rounds" >&2
  for s in "${store_list[@]}"; do measure "$s" "$r"; done
done

col_median() { [ -f "$1" ] && awk -v c="$2" '{print $c}' "$1" | grep -v '^$' | median || echo ""; }
num() { if [ -n "$1" ]; then printf "%.${2}f" "$1"; else printf 'n/a'; fi; }
ratio() { awk -v v="$1" -v m="$2" 'BEGIN {if (v != "" && m != "" && m > 0) printf " (%.0f %%)", 100 * v / m}'; }

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '\n## Experiment stores, median of %s round(s)\n\n' "$rounds"
printf 'Machine: %s, %s cores; load average %s\n' "${cpu:-unknown CPU}" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'Java: %s (%s)\n' "$java" "$("$java" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
printf 'App: %s at commit %s; hey -c 5 -z %ss after %s to %s s unrecorded, until the JIT was done; tiny experiment: median of %s sequential calls after %s warm-up; %s\n\n' \
  "$jar" "$commit" "$seconds" "$hey_warmup" "$settle_max" "$samples" "$warmup" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| store | reads/s one experiment | reads/s list | accepted submissions/s | tiny experiment with Prefer: wait (median ms) |\n'
printf '|---|---:|---:|---:|---:|\n'
m_a="$(col_median "$out/memory.results" 1)"; m_b="$(col_median "$out/memory.results" 2)"; m_c="$(col_median "$out/memory.results" 3)"
notes=""
for s in "${store_list[@]}"; do
  res="$out/$s.results"
  label="$s"
  [ ! -f "$out/$s.lenient" ] || label="$s (unknown to this build: ran in-memory)"
  if [ ! -f "$res" ]; then
    why="$(head -n1 "$out/$s.failed" 2>/dev/null || echo "no result")"
    printf '| %s | failed: %s | | | |\n' "$label" "$why"
    continue
  fi
  ok="$(wc -l < "$res")"
  [ "$ok" -eq "$rounds" ] || { label="$label ($ok of $rounds rounds)"; notes="$notes $s: $(head -n1 "$out/$s.failed" 2>/dev/null)."; }
  a="$(col_median "$res" 1)"; b="$(col_median "$res" 2)"; c="$(col_median "$res" 3)"; d="$(col_median "$res" 4)"
  if [ "$s" = memory ]; then ra=""; rb=""; rc=""; else ra="$(ratio "$a" "$m_a")"; rb="$(ratio "$b" "$m_b")"; rc="$(ratio "$c" "$m_c")"; fi
  printf '| %s | %s%s | %s%s | %s%s | %s |\n' "$label" "$(num "$a" 0)" "$ra" "$(num "$b" 0)" "$rb" "$(num "$c" 0)" "$rc" "$(num "$d" 1)"
done
printf '\nPercentages are the ratio to the memory store (median against median).\n'
settled=""
for s in "${store_list[@]}"; do
  [ -f "$out/$s.results" ] || continue
  settled="$settled $s $(col_median "$out/$s.results" 5)/$(col_median "$out/$s.results" 6)/$(col_median "$out/$s.results" 7) s,"
done
[ -z "$settled" ] || printf 'Unrecorded load before (a)/(b)/(c) until the JIT was done (median):%s\n' "${settled%,}"
[ -z "$notes" ] || printf 'Rounds missing:%s\n' "$notes"
