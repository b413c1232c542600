package io.transcribebridge.events;

/** A queue message that is not an event this service understands: left to go to the dead-letter queue. */
public final class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }
}
