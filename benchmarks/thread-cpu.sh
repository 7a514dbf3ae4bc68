#!/bin/sh
# Where each Java contract server's CPU goes per thread, below the JVM too: runs one row of the end-to-end benchmark
# and, over 15 s of its measured window, samples every server thread's user and system time and context switches
# (/proc/<pid>/task/*), its system calls per thread (perf stat, when perf is installed and allowed) and, on Redis,
# the bus's own time per command (INFO commandstats). Run from the repository root after `mvn -B install -DskipTests`:
#
#   benchmarks/thread-cpu.sh [servers] [row] [java-opts]       # defaults: java-redis  2x2-100  (none)
#   JAR=/tmp/other.jar benchmarks/thread-cpu.sh ...            # another build (an A/B), default benchmarks/target
#
# e.g. benchmarks/thread-cpu.sh java-off 2x20-rate500 -Dbench.workerThreads=4
# PostgreSQL: SIO_PG_URL (a JDBC URL) or embedded; Redis: SIO_REDIS_URL or redis://127.0.0.1:6379/6.
# The row warms up 60 s and is measured for 30 s; sampling starts 72 s after the servers start.
set -eu
servers=${1:-java-redis}
row=${2:-2x2-100}
opts=${3:--Dbench.none=0}
jar=${JAR:-benchmarks/target/benchmarks.jar}
out=${OUT:-benchmarks/target/thread-cpu/$servers-$row}
mkdir -p "$out"
redis=${SIO_REDIS_URL:-redis://127.0.0.1:6379/6}
pg=""
if [ -n "${SIO_PG_URL:-}" ]; then pg="--url=$SIO_PG_URL"; fi
java -cp "$jar" io.siocluster.bench.e2e.EndToEnd $pg --redis="$redis" --servers="$servers" --rows="$row" \
     --warmup=60s --duration=30s --java-opts="$opts" > "$out/run.log" 2>&1 &
runner=$!
sleep 72
pids=$(pgrep -f JavaBenchServer | tr '\n' ' ')
snapshot() { # $1: file. Per thread: name, user and system ticks, voluntary and involuntary switches
  for pid in $pids; do
    for task in /proc/"$pid"/task/*; do
      stat=$(cat "$task/stat" 2>/dev/null) || continue
      name=$(printf '%s' "$stat" | sed 's/^[0-9]* (\(.*\)) .*/\1/' | tr ' ' '_' | sed 's/[0-9][0-9a-f]*/N/g')
      times=$(printf '%s' "$stat" | sed 's/.*) //' | awk '{print $12, $13}')
      switches=$(awk '/^voluntary_ctxt_switches/ {v=$2} /^nonvoluntary_ctxt_switches/ {n=$2} END {print v, n}' "$task/status")
      echo "$pid $name $times $switches"
    done
  done > "$1"
}
bus() { redis-cli -u "$redis" info commandstats 2>/dev/null | grep -E '^cmdstat_(xadd|xread):' | tr -d '\r' || true; }
bus > "$out/bus.before"
snapshot "$out/threads.before"
if command -v perf > /dev/null; then
  for pid in $pids; do
    perf stat -e 'syscalls:sys_enter_sendto,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_read,syscalls:sys_enter_recvfrom,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex' \
         --per-thread -p "$pid" -o "$out/syscalls.$pid" -- sleep 15 > /dev/null 2>&1 &
  done
fi
sleep 15
snapshot "$out/threads.after"
bus > "$out/bus.after"
wait $runner || true
grep '^| ' "$out/run.log" | tail -1
ticks=$(getconf CLK_TCK)
echo "per thread name, summed over 15 s (ms user / ms system / voluntary / involuntary switches):"
awk -v hz="$ticks" 'NR == FNR {u[$1" "$2] -= $3; s[$1" "$2] -= $4; v[$1" "$2] -= $5; n[$1" "$2] -= $6; next}
     {u[$1" "$2] += $3; s[$1" "$2] += $4; v[$1" "$2] += $5; n[$1" "$2] += $6}
     END {for (k in u) if (u[k] + s[k] > 0) printf "  %-36s %7d %7d %8d %8d\n", k, u[k]*1000/hz, s[k]*1000/hz, v[k], n[k]}' \
    "$out/threads.before" "$out/threads.after" | sort -k1,1 -k3,3nr
for f in "$out"/syscalls.*; do
  [ -e "$f" ] || continue
  echo "system calls over 15 s, server ${f##*.}, per thread name:"
  awk '/syscalls:/ && $2 + 0 > 0 {name = $1; sub(/-[0-9]+$/, "", name); gsub(/[0-9][0-9a-f]*/, "N", name); c[name " " $3] += $2}
       END {for (k in c) if (c[k] >= 1000) printf "  %8d %s\n", c[k], k}' "$f" | sort -rn
done
if [ -s "$out/bus.before" ]; then echo "Redis commands over 15 s:"; paste "$out/bus.before" "$out/bus.after"; fi
