package io.dynamocdc.connector;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a task stands in one shard: the iterator to use next, the last sequence number read, when the
 * shard may be asked again, and how many throttles in a row it has seen (for backoff).
 */
final class ShardCursor {

    final String table;
    final String streamArn;
    final String shardId;
    /** Orders the records' keys: hash key, then range key. */
    final KeyOrder keyOrder;
    private final Map<String, Object> partition;
    /** Records older than this are not delivered (a LATEST or AT_TIMESTAMP start); null: all are. */
    Instant skipBefore;

    String iterator;
    /** The last record read, delivered or skipped. */
    String lastSequenceNumber;
    long lastChangeSeconds = -1;
    long nextReadAtNanos;
    int throttledInARow;
    /** Drained; waiting for its children to appear (DynamoDB adds them when it closes a shard). */
    boolean awaitingChildren;
    /** Whether a record (so its offset) went out since the last heartbeat. */
    boolean deliveredSinceHeartbeat;

    ShardCursor(String table, String streamArn, String shardId, KeyOrder keyOrder, Instant skipBefore) {
        this.table = table;
        this.streamArn = streamArn;
        this.shardId = shardId;
        this.keyOrder = keyOrder;
        this.skipBefore = skipBefore;
        this.partition = new ShardPartition(streamArn, shardId).toMap();
    }

    Map<String, Object> sourcePartition() {
        return partition;
    }

    /**
     * The offset of the current position; null while it says no more than "from the start". Its order is
     * fixed too, so the bytes stored are the same from every JVM.
     */
    Map<String, Object> offset() {
        if (lastSequenceNumber == null && skipBefore == null) {
            return null;
        }
        Map<String, Object> offset = new LinkedHashMap<>(4);
        if (lastSequenceNumber != null) {
            offset.put(OffsetKeys.SEQUENCE_NUMBER, lastSequenceNumber);
            offset.put(OffsetKeys.CHANGE_TIME, lastChangeSeconds);
        }
        if (skipBefore != null) {
            offset.put(OffsetKeys.DELIVER_FROM, skipBefore.toEpochMilli());
        }
        return offset;
    }
}
