#!/usr/bin/env bash
# Conversion benchmark: generated transcripts of up to 8 hours (40,000 items ~ 4 h) through
# parse -> task -> import JSON, per output mode, in a 256 MB heap.
# Usage: bench/convert.sh [warm-up runs (20)] [timed runs (40)]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
exec java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.transcribebridge.bench.ConversionBenchmark "$@"
