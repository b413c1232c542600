#!/usr/bin/env bash
# Review benchmark: the time to handle one review of a 4-hour transcript (40,000 items, two speakers) through the
# service's real review path, ReviewEvents.handle() of an accepted ANNOTATION_UPDATED webhook: GET the task from Label
# Studio, read the record and (whole file) the Transcribe transcript from S3, WER/CER and corrections, captions, the
# conditional write of reviewed/<job>.json, .txt/.srt/.vtt, the annotation index. Two scenarios: the shipped
# whole-file.xml and segments-speakers.xml projects. Every run is a real rewrite (the annotation alternates between
# two reviewed texts, ~10 % of the words changed). Also prints, measured separately in-process, AccuracyMeter.measure,
# CueBuilder.build, Deliverables.record and Deliverables.render, and the sizes of the written .json/.srt.
# S3 (S3Proxy) and Label Studio (emulator) run in the same JVM on loopback, so their work is in the handle time and
# the heap (-Xmx512m) is shared with them: it is not the service's heap alone.
# Usage: bench/review.sh [warm-up runs (3)] [timed runs (10)]. Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-review.classpath -Dmdep.includeScope=test
# the S3 client of EmbeddedS3 sets its endpoint, region, credentials and checksum modes itself; the checksum
# properties are those bench/run.sh passes, for any other client
exec java -Xmx512m \
    -Daws.requestChecksumCalculation=when_required -Daws.responseChecksumValidation=when_required \
    -cp "target/test-classes:target/classes:$(cat target/bench-review.classpath)" \
    io.transcribebridge.bench.ReviewBenchmark "$@"
