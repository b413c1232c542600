# syntax=docker/dockerfile:1
# Build: docker build -t transcribe-bridge .
# Run:   docker run --env-file .env -p 9876:9876 transcribe-bridge      (or: docker compose up -d, see README)
# Stateless: progress (completion markers, failure records) lives in the output bucket, so there is no state volume.
# ContainerFilesTest checks this file (paths, jar name, user, port, health check) since no Docker runs in CI.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bridge
WORKDIR /app
# dependencies first: they change less often than the application jar
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/transcribe-bridge.jar /app/transcribe-bridge.jar
# defaults; mount over /app/routes and /app/config (read-only) to change them without a rebuild
COPY routes/ /app/routes/
COPY config/ /app/config/
COPY --chmod=755 docker/healthcheck.sh /app/healthcheck.sh
# container-aware heap (75 % of the memory limit); an OutOfMemoryError ends the JVM so the container is restarted
ENV CONFIG_DIR=/app/config \
    ROUTES_DIR=/app/routes \
    MANAGEMENT_PORT=9876 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 9876: health and metrics; 9090: the review webhook (only with REVIEW_ENABLED=true)
EXPOSE 9876 9090
USER 10001
# liveness of the management server (bash /dev/tcp: the image has no curl); the start period covers the start-up
# read of the Label Studio project and the listing of finished objects
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["/app/healthcheck.sh"]
# exec form: the JVM is PID 1 and receives SIGTERM, so camel-main shuts down gracefully
ENTRYPOINT ["java", "-jar", "/app/transcribe-bridge.jar"]
