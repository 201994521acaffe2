package io.dynamocdc.connector;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The committed offsets of a stream's shards, read under both orders a partition has been stored in
 * ({@link ShardPartition}). Where both hold an offset (a deployment whose order flipped between restarts),
 * the one further along the shard wins: sequence numbers only grow within a shard, so it is the newest.
 */
final class StoredOffsets {

    private final OffsetStorageReader reader;

    StoredOffsets(OffsetStorageReader reader) {
        this.reader = reader;
    }

    /** The offset of each shard that has one, by shard id. */
    Map<String, Map<String, Object>> of(String streamArn, List<String> shardIds) {
        List<Map<String, Object>> current = new ArrayList<>(shardIds.size());
        List<Map<String, Object>> legacy = new ArrayList<>(shardIds.size());
        for (String shardId : shardIds) {
            ShardPartition partition = new ShardPartition(streamArn, shardId);
            current.add(partition.toMap());
            legacy.add(partition.legacyMap());
        }
        // Two look-ups: the two orders are equal maps, and one answer keyed by both would keep only one of them.
        Map<Map<String, Object>, Map<String, Object>> currentFound = reader.offsets(current);
        Map<Map<String, Object>, Map<String, Object>> legacyFound = reader.offsets(legacy);
        Map<String, Map<String, Object>> offsets = new HashMap<>();
        for (int i = 0; i < shardIds.size(); i++) {
            Map<String, Object> offset = furthest(currentFound.get(current.get(i)), legacyFound.get(legacy.get(i)));
            if (offset != null) {
                offsets.put(shardIds.get(i), offset);
            }
        }
        return offsets;
    }

    /** One shard's offset; null when it has none. */
    Map<String, Object> of(String streamArn, String shardId) {
        return of(streamArn, List.of(shardId)).get(shardId);
    }

    /** Of two offsets of one shard, the one further along (a sequence number beats none); either when one is null. */
    static Map<String, Object> furthest(Map<String, Object> a, Map<String, Object> b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        BigInteger first = sequence(a);
        BigInteger second = sequence(b);
        if (first == null || second == null) {
            return first == null && second != null ? b : a;
        }
        return second.compareTo(first) > 0 ? b : a;
    }

    private static BigInteger sequence(Map<String, Object> offset) {
        Object value = offset.get(OffsetKeys.SEQUENCE_NUMBER);
        try {
            return value == null ? null : new BigInteger(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
