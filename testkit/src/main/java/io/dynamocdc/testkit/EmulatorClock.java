package io.dynamocdc.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's notion of now: stream record times, the 24-hour trim, the 15-minute iterator
 * lifetime and timed shard roll-overs all read it. It follows the system clock until a test sets or
 * advances it; from then on it stands still except when moved, so time-based behaviour is
 * deterministic.
 */
public final class EmulatorClock {

    private static final long FOLLOWING_SYSTEM = Long.MIN_VALUE;

    /** Milliseconds since the epoch, or {@link #FOLLOWING_SYSTEM}. */
    private final AtomicLong frozenAt = new AtomicLong(FOLLOWING_SYSTEM);

    public Instant now() {
        long frozen = frozenAt.get();
        return frozen == FOLLOWING_SYSTEM ? Instant.now() : Instant.ofEpochMilli(frozen);
    }

    public long millis() {
        long frozen = frozenAt.get();
        return frozen == FOLLOWING_SYSTEM ? System.currentTimeMillis() : frozen;
    }

    /**
     * Stops the clock at {@code instant}. Set it before the first write; once stopped it only moves
     * forward, since records and iterators from a later time would never age.
     *
     * @throws IllegalArgumentException when the clock is stopped at a later time already
     */
    public void set(Instant instant) {
        long target = instant.toEpochMilli();
        frozenAt.getAndUpdate(frozen -> {
            if (frozen != FOLLOWING_SYSTEM && target < frozen) {
                throw new IllegalArgumentException("the emulator clock only moves forward: it is at "
                        + Instant.ofEpochMilli(frozen) + ", asked for " + instant);
            }
            return target;
        });
    }

    /** Moves the clock forward (stopping it first if it was following the system clock). */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the emulator clock only moves forward: " + duration);
        }
        long step = duration.toMillis();
        frozenAt.getAndUpdate(frozen -> (frozen == FOLLOWING_SYSTEM ? System.currentTimeMillis() : frozen) + step);
        return now();
    }

    /** Follows the system clock again (which moves it back if it was set ahead: only for a fresh emulator). */
    public void followSystem() {
        frozenAt.set(FOLLOWING_SYSTEM);
    }
}
