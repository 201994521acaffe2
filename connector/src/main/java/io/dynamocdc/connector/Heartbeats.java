package io.dynamocdc.connector;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Heartbeat records: one per shard that delivered nothing since the last heartbeat, carrying the shard's
 * position as its source offset. Connect stores offsets only with records, so without them a shard that
 * only skipped records (AT_TIMESTAMP) or has seen none yet (LATEST) would start over after a restart.
 */
final class Heartbeats {

    /** Header on every heartbeat record, so transforms and sinks can tell them from changes. */
    static final String HEADER = "dynamo-cdc.heartbeat";

    private final String topic;
    private final long intervalNanos;
    private long nextAtNanos;

    Heartbeats(String topic, Duration interval, long nowNanos) {
        this.topic = topic;
        this.intervalNanos = interval.toNanos();
        this.nextAtNanos = nowNanos + intervalNanos;
    }

    boolean due(long nowNanos) {
        return nowNanos - nextAtNanos >= 0;
    }

    long nextAtNanos() {
        return nextAtNanos;
    }

    /** Heartbeats for the shards that delivered nothing since the last round; starts the next interval. */
    void emit(Iterable<ShardCursor> cursors, long nowNanos, long nowMillis, List<SourceRecord> into) {
        for (ShardCursor cursor : cursors) {
            Map<String, Object> offset = cursor.offset();
            if (!cursor.deliveredSinceHeartbeat && offset != null) {
                into.add(record(cursor, offset, nowMillis));
            }
            cursor.deliveredSinceHeartbeat = false;
        }
        nextAtNanos = nowNanos + intervalNanos;
    }

    private SourceRecord record(ShardCursor cursor, Map<String, Object> offset, long nowMillis) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("table", cursor.table);
        key.put(OffsetKeys.SHARD_ID, cursor.shardId);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("ts_ms", nowMillis);
        value.put("table", cursor.table);
        value.put(OffsetKeys.STREAM_ARN, cursor.streamArn);
        value.put(OffsetKeys.SHARD_ID, cursor.shardId);
        value.put(OffsetKeys.SEQUENCE_NUMBER, cursor.lastSequenceNumber);
        value.put(OffsetKeys.DELIVER_FROM, cursor.skipBefore == null ? null : cursor.skipBefore.toEpochMilli());
        ConnectHeaders headers = new ConnectHeaders();
        headers.addBoolean(HEADER, true);
        return new SourceRecord(cursor.sourcePartition(), offset, topic, null, null, key, null, value, nowMillis, headers);
    }
}
