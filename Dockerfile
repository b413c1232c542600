# syntax=docker/dockerfile:1
# Build: docker build -t transcribe-bridge .
# Run:   docker run --env-file .env -p 9876:9876 transcribe-bridge
# Stateless: progress (completion markers, failure records) lives in the output bucket.

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
ENV CONFIG_DIR=/app/config \
    ROUTES_DIR=/app/routes \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 9876
USER 10001
# exec form: the JVM is PID 1 and receives SIGTERM, so camel-main shuts down gracefully
ENTRYPOINT ["java", "-jar", "/app/transcribe-bridge.jar"]
