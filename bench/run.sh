#!/usr/bin/env bash
# Throughput benchmark: the packaged service (java -Xmx256m -jar target/transcribe-bridge.jar, configured through its
# environment) against the S3, Transcribe, Label Studio and SQS emulators on loopback, which run in a driver JVM.
# Phases: N objects listing + polling and with event queues, the tutorial loop, an intake scan, a start-up over
# 1,000,000 completion markers. Prints a table of figures and targets; options: bench/run.sh --help. Not part of
# `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -o -q -DskipTests package
mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

# the driver holds the emulators and, in S3Proxy's in-memory store, the buckets of the intake scan (300,000 keys) and
# of the start-up (1,000,000 completion markers: about 2.1 GB); with --startup-recordings=true (twice the keys) set
# BENCH_DRIVER_HEAP=6g
exec java -Xmx${BENCH_DRIVER_HEAP:-4g} \
  -Dsun.net.httpserver.nodelay=true \
  -Daws.requestChecksumCalculation=when_required -Daws.responseChecksumValidation=when_required \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.transcribebridge.bench.ThroughputBenchmark "$@"
