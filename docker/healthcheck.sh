#!/bin/bash
# Container health check: 0 when the management server answers 200 on /observe/health/live, 1 otherwise.
# Plain bash (/dev/tcp), because the JRE image has neither curl nor wget.
# Liveness, not readiness: an unhealthy container gets restarted by orchestrators, and a restart cures a stuck JVM,
# never an outage of S3, Transcribe or Label Studio, which the service rides out by itself.
port="${MANAGEMENT_PORT:-9876}"
path="${HEALTHCHECK_PATH:-/observe/health/live}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r -t "${HEALTHCHECK_TIMEOUT_SECONDS:-4}" _ status _ <&3 || exit 1
exec 3<&-
[ "$status" = "200" ]
