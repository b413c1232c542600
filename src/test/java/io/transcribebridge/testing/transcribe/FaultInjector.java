package io.transcribebridge.testing.transcribe;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Scripted failures ({@code failNext}) and seeded random throttling of a fraction of all calls. */
final class FaultInjector {

    private static final long SEED = 20240917L;

    private final Map<String, Deque<String>> scripted = new HashMap<>();
    private final Random random = new Random(SEED);
    private double throttleFraction;

    synchronized void failNext(String operation, int count, String errorType) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        Deque<String> queue = scripted.computeIfAbsent(operation, op -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            queue.add(errorType);
        }
    }

    synchronized void throttle(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be within [0, 1], was " + fraction);
        }
        throttleFraction = fraction;
    }

    synchronized Optional<TranscribeError> faultFor(String operation) {
        Deque<String> queue = scripted.get(operation);
        if (queue != null && !queue.isEmpty()) {
            String type = queue.poll();
            return Optional.of(TranscribeError.of(type, messageFor(type, operation)));
        }
        if (throttleFraction > 0 && random.nextDouble() < throttleFraction) {
            return Optional.of(TranscribeError.of("ThrottlingException", "Rate exceeded"));
        }
        return Optional.empty();
    }

    private static String messageFor(String type, String operation) {
        return switch (type) {
            // IAM's wording when a policy does not grant the action
            case "AccessDeniedException" -> "User: arn:aws:iam::" + TranscribeEmulator.ACCOUNT_ID
                    + ":user/transcribe-bridge is not authorized to perform: transcribe:" + operation
                    + " because no identity-based policy allows the transcribe:" + operation + " action";
            case "ThrottlingException" -> "Rate exceeded";
            case "LimitExceededException" -> "You have exceeded a request or concurrent job limit. Wait and try "
                    + "your request again. (injected)";
            case "InternalFailureException" -> "We couldn't process your request because of an issue with the "
                    + "server. Try your request again. (injected)";
            default -> type + " (injected)";
        };
    }
}
