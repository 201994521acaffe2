package io.dynamocdc.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * A fault the emulator injects into the calls of one operation (or every operation): a throttling
 * error, an HTTP 500, a refused permission, or a slow answer. It fires on the next N calls, on every Nth call, or at random
 * with a given probability (seeded, so a run can be repeated).
 */
public final class Fault {

    /** What happens to a call the fault hits. */
    public enum Kind {
        /** LimitExceededException (Streams) or ProvisionedThroughputExceededException (tables), HTTP 400. */
        THROTTLE,
        /** InternalServerError, HTTP 500: the SDKs retry it. */
        SERVER_ERROR,
        /** AccessDeniedException, HTTP 400, as when the caller's role loses a permission: not retried. */
        ACCESS_DENIED,
        /** The answer comes after a delay (the call itself succeeds). */
        DELAY
    }

    private final String operation;
    private final Kind kind;
    private final Duration delay;
    private long remaining;
    private final long everyNth;
    private final double probability;
    private final Random random;
    private long seen;

    private Fault(String operation, Kind kind, Duration delay, long remaining, long everyNth, double probability, long seed) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.kind = kind;
        this.delay = delay;
        this.remaining = remaining;
        this.everyNth = everyNth;
        this.probability = probability;
        this.random = new Random(seed);
    }

    /** Starts a fault for one operation, e.g. {@code "GetRecords"}; {@code "*"} means every operation. */
    public static Builder on(String operation) {
        return new Builder(operation);
    }

    public String operation() {
        return operation;
    }

    public Kind kind() {
        return kind;
    }

    public Duration delay() {
        return delay;
    }

    /** Whether this call is hit; counts the call. */
    synchronized boolean hits(String calledOperation) {
        if (!operation.equals("*") && !operation.equals(calledOperation)) {
            return false;
        }
        seen++;
        if (remaining == 0) {
            return false;
        }
        boolean hit = everyNth > 0 ? seen % everyNth == 0 : probability >= 1.0 || random.nextDouble() < probability;
        if (hit && remaining > 0) {
            remaining--;
        }
        return hit;
    }

    /** Describes and builds a fault. */
    public static final class Builder {
        private final String operation;
        private Kind kind;
        private Duration delay = Duration.ZERO;
        private long remaining = -1;
        private long everyNth;
        private double probability = 1.0;
        private long seed = 42;

        private Builder(String operation) {
            this.operation = operation;
        }

        public Builder throttle() {
            this.kind = Kind.THROTTLE;
            return this;
        }

        public Builder serverError() {
            this.kind = Kind.SERVER_ERROR;
            return this;
        }

        public Builder accessDenied() {
            this.kind = Kind.ACCESS_DENIED;
            return this;
        }

        public Builder delay(Duration delay) {
            this.kind = Kind.DELAY;
            this.delay = delay;
            return this;
        }

        /** Only the next {@code calls} calls that would be hit are; then the fault is spent. */
        public Builder times(long calls) {
            this.remaining = calls;
            return this;
        }

        public Builder everyNth(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("everyNth must be at least 1, was " + n);
            }
            if (probability < 1.0) {
                throw new IllegalStateException("a fault fires every Nth call or at random, not both");
            }
            this.everyNth = n;
            return this;
        }

        public Builder probability(double probability, long seed) {
            if (probability < 0 || probability > 1) {
                throw new IllegalArgumentException("probability must be within 0..1, was " + probability);
            }
            if (everyNth > 0) {
                throw new IllegalStateException("a fault fires every Nth call or at random, not both");
            }
            this.probability = probability;
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException for an operation the emulator does not serve (names as in
         *                                  {@code X-Amz-Target}: {@code GetRecords}, {@code PutItem} …)
         */
        public Fault build() {
            if (kind == null) {
                throw new IllegalStateException("say what the fault does: throttle(), serverError(), accessDenied() or delay(…)");
            }
            if (!operation.equals("*") && !ApiDispatcher.OPERATIONS.contains(operation)) {
                throw new IllegalArgumentException("no operation '" + operation + "'; one of " + new java.util.TreeSet<>(ApiDispatcher.OPERATIONS)
                        + " or *");
            }
            return new Fault(operation, kind, delay, remaining, everyNth, probability, seed);
        }
    }
}
