package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One table: its items in key order and its streams (the latest one receives the changes). Every
 * write goes through {@link #write}, under the table's lock, so the stream sees changes in the order
 * they were applied.
 */
final class Table {

    final String name;
    final String arn;
    final String id;
    final KeySchema keys;
    final ArrayNode attributeDefinitions;
    final long createdAt;

    private final NavigableMap<ItemKey, ObjectNode> items = new TreeMap<>();
    private final List<TableStream> streams = new ArrayList<>();
    private long sizeBytes;

    Table(String name, String arn, String id, KeySchema keys, ArrayNode attributeDefinitions, long createdAt) {
        this.name = name;
        this.arn = arn;
        this.id = id;
        this.keys = keys;
        this.attributeDefinitions = attributeDefinitions;
        this.createdAt = createdAt;
    }

    synchronized ObjectNode get(ItemKey key) {
        return items.get(key);
    }

    /**
     * Replaces (or with {@code after == null} removes) the item at {@code key} and, when that changed
     * anything, records the change on the stream.
     *
     * @return the item as it was before, or null
     */
    synchronized ObjectNode write(ItemKey key, ObjectNode after, boolean byTtl) {
        ObjectNode before = items.get(key);
        if (after == null) {
            if (before != null) {
                items.remove(key);
                sizeBytes -= AttributeValues.itemSize(before);
            }
        } else {
            items.put(key, after);
            sizeBytes += AttributeValues.itemSize(after) - (before == null ? 0 : AttributeValues.itemSize(before));
        }
        boolean changed = before == null ? after != null : !before.equals(after);
        TableStream stream = activeStream();
        if (changed && stream != null) {
            String eventName = before == null ? "INSERT" : after == null ? "REMOVE" : "MODIFY";
            stream.append(key.partitionHash(), eventName, keys.keyOf(after != null ? after : before), before, after, byTtl);
        }
        return before;
    }

    /** Items from the one after {@code exclusiveStart} (or the first), in key order, while {@code visitor} wants more. */
    synchronized void scan(ItemKey exclusiveStart, java.util.function.Predicate<Map.Entry<ItemKey, ObjectNode>> visitor) {
        Map<ItemKey, ObjectNode> tail = exclusiveStart == null ? items : items.tailMap(exclusiveStart, false);
        for (Map.Entry<ItemKey, ObjectNode> entry : tail.entrySet()) {
            if (!visitor.test(entry)) {
                return;
            }
        }
    }

    /** The items of one partition key, in sort-key order (or reversed). */
    synchronized List<Map.Entry<ItemKey, ObjectNode>> partition(JsonNode hashValue, boolean forward) {
        long hash = KeySchema.partitionHash(hashValue);
        List<Map.Entry<ItemKey, ObjectNode>> found = new ArrayList<>();
        ItemKey from = new ItemKey(hash, hashValue, null);
        for (Map.Entry<ItemKey, ObjectNode> entry : items.tailMap(from, true).entrySet()) {
            if (entry.getKey().partitionHash() != hash || !entry.getKey().hash().equals(hashValue)) {
                if (entry.getKey().partitionHash() != hash) {
                    break;
                }
                continue;
            }
            found.add(entry);
        }
        if (!forward) {
            Collections.reverse(found);
        }
        return found;
    }

    synchronized int itemCount() {
        return items.size();
    }

    synchronized long sizeBytes() {
        return sizeBytes;
    }

    /** The latest stream while it is enabled; null when the table has none or it was disabled. */
    synchronized TableStream activeStream() {
        TableStream latest = latestStream();
        return latest != null && latest.isEnabled() ? latest : null;
    }

    synchronized TableStream latestStream() {
        return streams.isEmpty() ? null : streams.get(streams.size() - 1);
    }

    /** Turns the stream on with a new ARN; the previous stream (if any) is already disabled. */
    synchronized void enableStream(TableStream stream) {
        streams.add(stream);
    }

    synchronized void disableStream() {
        TableStream stream = activeStream();
        if (stream != null) {
            stream.disable();
        }
    }

    synchronized List<TableStream> streams() {
        return List.copyOf(streams);
    }
}
