package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An item's place in its table: ordered by the partition key's hash (so a Scan visits partitions in
 * no meaningful order, as DynamoDB's does, and a segment is a hash range), then by the partition key,
 * then by the sort key.
 */
record ItemKey(long partitionHash, JsonNode hash, JsonNode range) implements Comparable<ItemKey> {

    static final long HASH_SPACE = 1L << 32;

    @Override
    public int compareTo(ItemKey other) {
        int order = Long.compare(partitionHash, other.partitionHash);
        if (order == 0) {
            order = AttributeValues.compare(hash, other.hash);
        }
        if (order == 0 && (range != null || other.range != null)) {
            // A key without a sort key (a partition's floor, when querying) sorts before all of its items.
            order = range == null ? -1 : other.range == null ? 1 : AttributeValues.compare(range, other.range);
        }
        return order;
    }

    /** The Scan segment (of {@code totalSegments}) this item belongs to. */
    int segment(int totalSegments) {
        return (int) (partitionHash * totalSegments / HASH_SPACE);
    }
}
