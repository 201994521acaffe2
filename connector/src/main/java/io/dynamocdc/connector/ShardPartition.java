package io.dynamocdc.connector;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shard's source partition, {@code {stream_arn, shard_id}}. Kafka finds a stored offset by the partition's
 * serialized bytes, so the map's order is part of the contract: {@link #toMap()} always gives
 * {@code stream_arn} first, which is also the order Kafka's REST API writes when it alters or resets offsets
 * (it reads every partition back into a HashMap, whose order for these two names is this one).
 *
 * <p>Earlier builds made the map with {@code Map.of}, whose order each JVM picks at random, so offsets
 * written then may sit under {@code {shard_id, stream_arn}} too: {@link #legacyMap()} gives those bytes, for
 * reading such offsets and for removing them.
 */
record ShardPartition(String streamArn, String shardId) {

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(4);
        map.put(OffsetKeys.STREAM_ARN, streamArn);
        map.put(OffsetKeys.SHARD_ID, shardId);
        return Collections.unmodifiableMap(map);
    }

    /**
     * The same partition in the other order. Equal to nothing but itself: Connect keeps offsets to write in
     * a HashMap keyed by partition, where a map equal to {@link #toMap()} would replace it instead of
     * standing beside it.
     */
    Map<String, Object> legacyMap() {
        return new LegacyOrder(List.of(Map.entry(OffsetKeys.SHARD_ID, shardId), Map.entry(OffsetKeys.STREAM_ARN, streamArn)));
    }

    /** The partition a map names, whatever its order; null when it is not a shard's partition. */
    static ShardPartition fromMap(Map<String, ?> map) {
        return map != null && map.get(OffsetKeys.STREAM_ARN) instanceof String arn && map.get(OffsetKeys.SHARD_ID) instanceof String shard
                && map.size() == 2 ? new ShardPartition(arn, shard) : null;
    }

    /** An immutable map in a given order whose equality is identity (see {@link #legacyMap()}). */
    private static final class LegacyOrder extends AbstractMap<String, Object> {
        private final Set<Entry<String, Object>> entries;

        LegacyOrder(List<Entry<String, Object>> entries) {
            this.entries = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(entries));
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
