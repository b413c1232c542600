package io.transcribebridge.claims;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.transcribebridge.config.SettingsReader;

/**
 * How replicas share the work ({@code claims.*}).
 *
 * @param lease         how long a claim holds without being renewed; a replica that dies loses its claims this long
 *                      after its last renewal. Renewed every third of it.
 * @param sweepInterval how often the claims of other replicas are looked at, to take over those left to expire
 * @param replicaId     who holds a claim, for people reading it (host, process and a random part, new every start)
 */
public record ClaimSettings(Duration lease, Duration sweepInterval, String replicaId) {

    public static final Duration MIN_LEASE = Duration.ofSeconds(3);

    public Duration renewInterval() {
        return lease.dividedBy(3);
    }

    /**
     * After its last renewal (the fence before the import) a replica has one lease to finish importing before
     * another may take the claim over: longer than a Label Studio request may take plus its batch wait.
     */
    public Optional<String> problemWith(Duration labelStudioTimeout, Duration batchWait) {
        Duration longestImport = labelStudioTimeout.plus(batchWait).plusSeconds(1);
        if (lease.compareTo(longestImport) < 0) {
            return Optional.of("CLAIMS_LEASE_MS (" + lease.toMillis() + ") must exceed LABEL_STUDIO_TIMEOUT_MS + "
                               + "LABEL_STUDIO_BATCH_WAIT_MS + 1000 (" + longestImport.toMillis() + "): after its "
                               + "last renewal a replica must be done importing before another may take its claim "
                               + "over");
        }
        return Optional.empty();
    }

    public static ClaimSettings load(Function<String, Optional<String>> properties) {
        SettingsReader reader = new SettingsReader(properties);
        Duration lease = reader.millis("claims.lease-ms", 120_000);
        if (lease.compareTo(MIN_LEASE) < 0) {
            reader.problems().add("CLAIMS_LEASE_MS must be at least " + MIN_LEASE.toMillis() + ", got "
                                  + lease.toMillis());
        }
        Duration sweep = reader.millis("claims.sweep-interval-ms", 30_000);
        reader.requireNoProblems();
        return new ClaimSettings(lease, sweep, newReplicaId());
    }

    private static String newReplicaId() {
        // pid@host from the JVM; the random part tells a restarted process from its predecessor
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
