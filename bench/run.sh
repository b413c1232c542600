#!/usr/bin/env bash
# Throughput benchmark: the packaged service (java -Xmx256m -jar target/transcribe-bridge.jar, configured through its
# environment) against the S3, Transcribe and Label Studio emulators on loopback, which run in a driver JVM.
# Prints a table of figures and targets; options: bench/run.sh --help. Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -o -q -DskipTests package
mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

# the driver holds the emulators, and for the intake-scan figure a bucket of 100,000s of small objects in memory
exec java -Xmx${BENCH_DRIVER_HEAP:-3g} \
  -Dsun.net.httpserver.nodelay=true \
  -Daws.requestChecksumCalculation=when_required -Daws.responseChecksumValidation=when_required \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.transcribebridge.bench.ThroughputBenchmark "$@"
