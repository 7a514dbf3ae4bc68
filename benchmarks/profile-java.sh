#!/bin/sh
# Profiles the Java contract server with JDK Flight Recorder under the end-to-end benchmark's load and prints
# where its CPU and allocation go (io.siocluster.bench.profile.JfrHotspots). Run from the repository root after
# `mvn -B install -DskipTests`:
#
#   benchmarks/profile-java.sh [rows] [warmup] [duration]       # defaults: 2x2-100,2x20-100  60s  30s
#
# SERVERS=java-on profiles the server with websocket compression on (default java-off).
#
# One recording per row and server, taken after the warm-up (JFR's delay), in target/jfr/<server>/<row>/;
# then one aggregated report per row, both servers together, in target/jfr/<server>/<row>.txt.
# PostgreSQL: SIO_PG_URL or embedded. The warm-up must be given in seconds (60s).
set -eu
rows=${1:-2x2-100,2x20-100}
warmup=${2:-60s}
duration=${3:-30s}
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/jfr/${SERVERS:-java-off}
for row in $(echo "$rows" | tr ',' ' '); do
  mkdir -p "$out/$row"
  rm -f "$out/$row"/*.jfr
  # the recording starts when the warm-up ends (plus a second for connecting) and runs past the measured window
  java -cp "$jar" io.siocluster.bench.e2e.EndToEnd --servers="${SERVERS:-java-off}" --rows="$row" --warmup="$warmup" \
       --duration="$duration" \
       --java-opts="-XX:StartFlightRecording=settings=profile,delay=${warmup%s}s,dumponexit=true,filename=$PWD/$out/$row/server-{port}.jfr"
  java -cp "$jar" io.siocluster.bench.profile.JfrHotspots "$out/$row"/*.jfr --top=20 > "$out/$row.txt"
  echo "profile of $row: $out/$row.txt"
done
