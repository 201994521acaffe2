package io.dynamocdc.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a stream: the records of the keys whose hash falls in [{@code hashLow}, {@code hashHigh}),
 * in write order. Open until rolled over (split or closed) or the stream is disabled; then it gets an
 * ending sequence number and its children take its keys. Guarded by its stream's lock.
 */
final class StreamShard {

    final String id;
    final String parentId;
    /** Creation order within the stream: DescribeStream pages by it, even after shards expire. */
    final int number;
    final long hashLow;
    final long hashHigh;
    final long startingSequence;
    final long createdAt;

    /** The retained records; {@code records.get(0)} has absolute index {@link #firstIndex}. */
    private final List<StreamRecord> records = new ArrayList<>();
    private long firstIndex;
    private long lastTrimmedSequence = -1;
    private long endingSequence = -1;
    private long closedAt = -1;

    StreamShard(String id, String parentId, int number, long hashLow, long hashHigh, long startingSequence, long createdAt) {
        this.id = id;
        this.parentId = parentId;
        this.number = number;
        this.hashLow = hashLow;
        this.hashHigh = hashHigh;
        this.startingSequence = startingSequence;
        this.createdAt = createdAt;
    }

    boolean covers(long hash) {
        return hash >= hashLow && hash < hashHigh;
    }

    boolean isOpen() {
        return endingSequence < 0;
    }

    void append(StreamRecord record) {
        records.add(record);
    }

    /** Closes the shard; its last sequence number is the last it holds (or its start, when it holds none). */
    void close(long closedAtMillis) {
        endingSequence = records.isEmpty() ? startingSequence : records.get(records.size() - 1).sequence();
        closedAt = closedAtMillis;
    }

    long endingSequence() {
        return endingSequence;
    }

    long closedAt() {
        return closedAt;
    }

    /** Absolute index of the oldest retained record. */
    long firstIndex() {
        return firstIndex;
    }

    /** Absolute index one past the newest record. */
    long endIndex() {
        return firstIndex + records.size();
    }

    StreamRecord record(long absoluteIndex) {
        return records.get((int) (absoluteIndex - firstIndex));
    }

    /** Drops records written before {@code cutoff} (emulator millis); returns how many. */
    int trimBefore(long cutoff) {
        int drop = 0;
        while (drop < records.size() && records.get(drop).createdAt() < cutoff) {
            drop++;
        }
        if (drop > 0) {
            lastTrimmedSequence = records.get(drop - 1).sequence();
            records.subList(0, drop).clear();
            firstIndex += drop;
        }
        return drop;
    }

    /**
     * Absolute index of the first retained record whose sequence is at least {@code sequence}
     * ({@link #endIndex()} when none is).
     */
    long indexAtOrAfter(long sequence) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).sequence() < sequence) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return firstIndex + low;
    }

    /** Whether the record with this sequence number, if it was in this shard, has been trimmed away. */
    boolean isTrimmed(long sequence) {
        return sequence <= lastTrimmedSequence;
    }

    /** Closed, and nothing of it is left to read: it can leave DescribeStream. */
    boolean isExpired(long cutoff) {
        return !isOpen() && records.isEmpty() && closedAt < cutoff;
    }
}
