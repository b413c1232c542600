package io.transcribebridge.progress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A set of job names kept as 64-bit fingerprints (the first 8 bytes of their SHA-256) in one open-addressing
 * {@code long[]}: about 16 bytes per name instead of ~150 for a {@code String} in a hash set, so a million finished
 * object versions fit in 16 MB of a 256 MB heap. Two different names share a fingerprint with probability 2^-64 per
 * pair: among a million names, the chance that a new name is mistaken for a finished one is about 5 x 10^-14.
 * Thread-safe (synchronized); names are only ever added.
 */
final class Fingerprints {

    /** 0 marks a free slot; a name whose fingerprint is 0 is stored as this instead. */
    private static final long ZERO_STAND_IN = 0x9E3779B97F4A7C15L;

    private long[] slots = new long[1 << 10];
    private int size;

    synchronized boolean add(String name) {
        long fingerprint = of(name);
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (insert(slots, fingerprint)) {
            size++;
            return true;
        }
        return false;
    }

    synchronized boolean contains(String name) {
        long fingerprint = of(name);
        int mask = slots.length - 1;
        for (int i = index(fingerprint, mask); ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return false;
            }
            if (slot == fingerprint) {
                return true;
            }
        }
    }

    synchronized int size() {
        return size;
    }

    synchronized void clear() {
        slots = new long[1 << 10];
        size = 0;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long slot : slots) {
            if (slot != 0) {
                insert(bigger, slot);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long fingerprint) {
        int mask = table.length - 1;
        for (int i = index(fingerprint, mask); ; i = (i + 1) & mask) {
            long slot = table[i];
            if (slot == 0) {
                table[i] = fingerprint;
                return true;
            }
            if (slot == fingerprint) {
                return false;
            }
        }
    }

    private static int index(long fingerprint, int mask) {
        return (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
    }

    static long of(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long fingerprint = 0;
            for (int i = 0; i < 8; i++) {
                fingerprint = (fingerprint << 8) | (digest[i] & 0xFF);
            }
            return fingerprint == 0 ? ZERO_STAND_IN : fingerprint;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
