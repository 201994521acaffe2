package io.dynamocdc.testkit;

import java.time.Duration;

/**
 * How the emulator shapes every stream it creates from now on (and, for roll-overs, the streams that
 * exist): how many shards a new stream starts with, and when an open shard is rolled over on its own.
 *
 * @param initialShards       shards of a new stream, each owning an equal slice of the key hash space
 * @param rollEveryRecords    roll a shard over once it holds this many records; 0 = never
 * @param rollEvery           roll a shard over once it is this old (emulator clock); null = never
 * @param rollBySplitting     roll over into two children (a split) rather than one (a plain close)
 */
public record StreamSettings(int initialShards, long rollEveryRecords, Duration rollEvery, boolean rollBySplitting) {

    public static final StreamSettings DEFAULT = new StreamSettings(1, 0, null, true);

    public StreamSettings {
        if (initialShards < 1 || initialShards > 1024) {
            throw new IllegalArgumentException("initialShards must be 1..1024, was " + initialShards);
        }
        if (rollEveryRecords < 0) {
            throw new IllegalArgumentException("rollEveryRecords must be 0 (never) or more, was " + rollEveryRecords);
        }
        if (rollEvery != null && (rollEvery.isNegative() || rollEvery.isZero())) {
            throw new IllegalArgumentException("rollEvery must be positive, was " + rollEvery);
        }
    }

    public StreamSettings withInitialShards(int shards) {
        return new StreamSettings(shards, rollEveryRecords, rollEvery, rollBySplitting);
    }

    public StreamSettings withRollEveryRecords(long records, boolean split) {
        return new StreamSettings(initialShards, records, rollEvery, split);
    }

    public StreamSettings withRollEvery(Duration age, boolean split) {
        return new StreamSettings(initialShards, rollEveryRecords, age, split);
    }
}
