package io.dynamocdc.connector;

import java.time.Instant;
import java.util.Map;

/**
 * Where a task stands in one shard: the iterator to use next, the last sequence number delivered, when
 * the shard may be asked again, and how many throttles in a row it has seen (for backoff).
 */
final class ShardCursor {

    final String table;
    final String streamArn;
    final String shardId;
    /** Records older than this are skipped (AT_TIMESTAMP on a first start); null: none. */
    final Instant skipBefore;

    String iterator;
    String lastSequenceNumber;
    long lastChangeSeconds = -1;
    long nextReadAtNanos;
    int throttledInARow;
    /** Drained; waiting for its children to appear (DynamoDB adds them when it closes a shard). */
    boolean awaitingChildren;

    ShardCursor(String table, String streamArn, String shardId, Instant skipBefore) {
        this.table = table;
        this.streamArn = streamArn;
        this.shardId = shardId;
        this.skipBefore = skipBefore;
    }

    Map<String, Object> sourcePartition() {
        return partition(streamArn, shardId);
    }

    static Map<String, Object> partition(String streamArn, String shardId) {
        return Map.of(OffsetKeys.STREAM_ARN, streamArn, OffsetKeys.SHARD_ID, shardId);
    }
}
