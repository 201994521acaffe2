package io.dynamocdc.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One DynamoDB stream: its shards, their records and lineage. Every record of one item goes to the
 * one open shard whose hash range holds the item's partition key, so an item's changes are in order
 * within a shard and, across a roll-over, parent before child. Records older than 24 hours are
 * trimmed; closed shards with nothing left leave the description 24 hours after closing.
 */
final class TableStream {

    static final Duration RETENTION = Duration.ofHours(24);

    private static final ObjectMapper JSON = new ObjectMapper();

    final String arn;
    final String label;
    final String tableName;
    final String region;
    final String viewType;
    final KeySchema keys;
    final long createdAt;

    private final EmulatorClock clock;
    private final Supplier<StreamSettings> settings;
    private final List<StreamShard> shards = new ArrayList<>();
    /** Every shard id ever created and its creation number (expired shards included). */
    private final java.util.Map<String, Integer> numbers = new java.util.HashMap<>();
    private long nextSequence = 1;
    private int shardsCreated;
    private boolean enabled = true;

    TableStream(String arn, String label, String tableName, String region, String viewType, KeySchema keys,
                EmulatorClock clock, Supplier<StreamSettings> settings) {
        this.arn = arn;
        this.label = label;
        this.tableName = tableName;
        this.region = region;
        this.viewType = viewType;
        this.keys = keys;
        this.clock = clock;
        this.settings = settings;
        this.createdAt = clock.millis();
        int count = settings.get().initialShards();
        for (int i = 0; i < count; i++) {
            shards.add(newShard(null, ItemKey.HASH_SPACE * i / count, ItemKey.HASH_SPACE * (i + 1) / count, createdAt));
        }
    }

    synchronized boolean isEnabled() {
        return enabled;
    }

    /** Records one change of one item; the caller has already decided that something changed. */
    synchronized void append(long partitionHash, String eventName, ObjectNode keyAttributes, ObjectNode oldImage,
                             ObjectNode newImage, boolean byTtl) {
        if (!enabled) {
            return;
        }
        long now = clock.millis();
        maintain(now);
        StreamShard shard = openShardFor(partitionHash);
        long sequence = nextSequence++;
        shard.append(new StreamRecord(sequence, now, encode(sequence, now, eventName, keyAttributes, oldImage, newImage, byTtl)));
        long rollEvery = settings.get().rollEveryRecords();
        if (rollEvery > 0 && shard.endIndex() >= rollEvery) {
            roll(shard, settings.get().rollBySplitting(), now);
        }
    }

    private byte[] encode(long sequence, long now, String eventName, ObjectNode keyAttributes, ObjectNode oldImage,
                          ObjectNode newImage, boolean byTtl) {
        boolean withNew = newImage != null && (viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"));
        boolean withOld = oldImage != null && (viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"));
        ObjectNode record = AttributeValues.NODES.objectNode();
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        record.put("eventID", HexFormat.of().formatHex(id));
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", region);
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", now / 1000);
        dynamodb.set("Keys", keyAttributes);
        int size = AttributeValues.itemSize(keyAttributes);
        if (withNew) {
            dynamodb.set("NewImage", newImage);
            size += AttributeValues.itemSize(newImage);
        }
        if (withOld) {
            dynamodb.set("OldImage", oldImage);
            size += AttributeValues.itemSize(oldImage);
        }
        dynamodb.put("SequenceNumber", SequenceNumbers.text(sequence));
        dynamodb.put("SizeBytes", size);
        dynamodb.put("StreamViewType", viewType);
        if (byTtl) {
            // The Streams API spells Identity's members PrincipalId/Type (Lambda's events say principalId/type).
            record.putObject("userIdentity").put("PrincipalId", "dynamodb.amazonaws.com").put("Type", "Service");
        }
        // No eventSourceARN: GetRecords' Record has none (Lambda and Pipes add it to their events).
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of attribute values always serialises", e);
        }
    }

    private StreamShard openShardFor(long hash) {
        for (StreamShard shard : shards) {
            if (shard.isOpen() && shard.covers(hash)) {
                return shard;
            }
        }
        throw new IllegalStateException("no open shard of " + arn + " covers hash " + hash);
    }

    /** Disables the stream: every open shard closes; it stays readable for 24 hours. */
    synchronized void disable() {
        if (enabled) {
            long now = clock.millis();
            for (StreamShard shard : shards) {
                if (shard.isOpen()) {
                    shard.close(now);
                }
            }
            enabled = false;
        }
    }

    /**
     * Rolls an open shard over now: into two children that halve its hash range ({@code split}), or
     * one child that takes it all.
     *
     * @return the children's ids
     */
    synchronized List<String> rollOver(String shardId, boolean split) {
        StreamShard shard = shard(shardId);
        if (!shard.isOpen()) {
            throw new IllegalStateException("shard " + shardId + " of " + arn + " is already closed");
        }
        return roll(shard, split, clock.millis());
    }

    private List<String> roll(StreamShard shard, boolean split, long now) {
        shard.close(now);
        List<String> children = new ArrayList<>();
        if (split && shard.hashHigh - shard.hashLow >= 2) {
            long middle = shard.hashLow + (shard.hashHigh - shard.hashLow) / 2;
            children.add(add(newShard(shard.id, shard.hashLow, middle, now)));
            children.add(add(newShard(shard.id, middle, shard.hashHigh, now)));
        } else {
            children.add(add(newShard(shard.id, shard.hashLow, shard.hashHigh, now)));
        }
        return children;
    }

    private String add(StreamShard shard) {
        shards.add(shard);
        return shard.id;
    }

    private StreamShard newShard(String parentId, long low, long high, long now) {
        int number = ++shardsCreated;
        String suffix = HexFormat.of().toHexDigits((arn.hashCode() * 31 + number) * 0x9E3779B1);
        String millis = Long.toString(now);
        String id = "shardId-" + "0".repeat(Math.max(0, 20 - millis.length())) + millis + "-" + suffix;
        numbers.put(id, number);
        return new StreamShard(id, parentId, number, low, high, nextSequence, now);
    }

    /** Trims what is older than the retention and rolls over shards that reached their age. */
    private void maintain(long now) {
        long cutoff = now - RETENTION.toMillis();
        shards.removeIf(shard -> {
            shard.trimBefore(cutoff);
            return shard.isExpired(cutoff);
        });
        Duration rollEvery = settings.get().rollEvery();
        if (rollEvery != null && enabled) {
            for (StreamShard shard : List.copyOf(shards)) {
                if (shard.isOpen() && now - shard.createdAt >= rollEvery.toMillis()) {
                    roll(shard, settings.get().rollBySplitting(), now);
                }
            }
        }
    }

    /** Trims and rolls by the clock; readers call it so an idle stream ages too. */
    synchronized void maintain() {
        maintain(clock.millis());
    }

    private StreamShard shard(String shardId) {
        for (StreamShard shard : shards) {
            if (shard.id.equals(shardId)) {
                return shard;
            }
        }
        throw DynamoDbException.resourceNotFound("Requested resource not found: Shard does not exist");
    }

    /**
     * DescribeStream's StreamDescription, one page of shards in creation order; with
     * {@code childrenOf}, only that shard's children (ShardFilter CHILD_SHARDS).
     */
    synchronized ObjectNode describe(int limit, String exclusiveStartShardId, String childrenOf) {
        maintain(clock.millis());
        ObjectNode description = AttributeValues.NODES.objectNode();
        description.put("StreamArn", arn);
        description.put("StreamLabel", label);
        description.put("StreamStatus", enabled ? "ENABLED" : "DISABLED");
        description.put("StreamViewType", viewType);
        description.put("CreationRequestDateTime", createdAt / 1000.0);
        description.put("TableName", tableName);
        description.set("KeySchema", keys.describe());
        ArrayNode page = description.putArray("Shards");
        int after = 0;
        if (exclusiveStartShardId != null) {
            // By number, not position: the start shard may have expired since the previous page.
            Integer number = numbers.get(exclusiveStartShardId);
            if (number == null) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: Shard does not exist: "
                        + exclusiveStartShardId);
            }
            after = number;
        }
        if (childrenOf != null && !numbers.containsKey(childrenOf)) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Shard does not exist: " + childrenOf);
        }
        List<StreamShard> listed = new ArrayList<>();
        for (StreamShard shard : shards) {
            if (shard.number > after && (childrenOf == null || childrenOf.equals(shard.parentId))) {
                listed.add(shard);
            }
        }
        int end = Math.min(listed.size(), limit);
        for (int i = 0; i < end; i++) {
            StreamShard shard = listed.get(i);
            ObjectNode entry = page.addObject();
            entry.put("ShardId", shard.id);
            ObjectNode range = entry.putObject("SequenceNumberRange");
            range.put("StartingSequenceNumber", SequenceNumbers.text(shard.startingSequence));
            if (!shard.isOpen()) {
                range.put("EndingSequenceNumber", SequenceNumbers.text(shard.endingSequence()));
            }
            if (shard.parentId != null) {
                entry.put("ParentShardId", shard.parentId);
            }
        }
        if (end < listed.size()) {
            description.put("LastEvaluatedShardId", listed.get(end - 1).id);
        }
        return description;
    }

    /** Where GetShardIterator places a reader: an absolute record index in the shard. */
    synchronized long iteratorIndex(String shardId, String type, String sequenceNumber) {
        maintain(clock.millis());
        StreamShard shard = shard(shardId);
        switch (type) {
            case "TRIM_HORIZON":
                return shard.firstIndex();
            case "LATEST":
                return shard.endIndex();
            case "AT_SEQUENCE_NUMBER":
            case "AFTER_SEQUENCE_NUMBER":
                break;
            default:
                throw DynamoDbException.validation("1 validation error detected: Value '" + type + "' at 'shardIteratorType' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
        }
        if (sequenceNumber == null) {
            throw DynamoDbException.validation("SequenceNumber is required for ShardIteratorType " + type);
        }
        long sequence = SequenceNumbers.counter(sequenceNumber);
        long last = shard.isOpen() ? nextSequence - 1 : shard.endingSequence();
        if (sequence < shard.startingSequence || sequence > Math.max(last, shard.startingSequence)) {
            throw DynamoDbException.validation("Invalid SequenceNumber for shard " + shardId + ": " + sequenceNumber);
        }
        if (shard.isTrimmed(sequence)) {
            throw DynamoDbException.trimmedDataAccess("The operation attempted to read past the oldest stream record in "
                    + "a shard: sequence number " + sequenceNumber + " of shard " + shardId + " has been trimmed");
        }
        return type.equals("AT_SEQUENCE_NUMBER") ? shard.indexAtOrAfter(sequence) : shard.indexAtOrAfter(sequence + 1);
    }

    /** Records from {@code index}: at most {@code limit} and about {@code maxBytes}; at least one if any. */
    synchronized Batch read(String shardId, long index, int limit, int maxBytes) {
        maintain(clock.millis());
        StreamShard shard = shard(shardId);
        if (index < shard.firstIndex()) {
            throw DynamoDbException.trimmedDataAccess("The operation attempted to read past the oldest stream record in "
                    + "a shard: the iterator's position in shard " + shardId + " has been trimmed");
        }
        List<byte[]> records = new ArrayList<>();
        long position = Math.min(index, shard.endIndex());
        int bytes = 0;
        while (position < shard.endIndex() && records.size() < limit) {
            byte[] json = shard.record(position).json();
            if (!records.isEmpty() && bytes + json.length > maxBytes) {
                break;
            }
            records.add(json);
            bytes += json.length;
            position++;
        }
        boolean drained = !shard.isOpen() && position >= shard.endIndex();
        return new Batch(records, position, drained);
    }

    /** Ids of the open shards, in creation order. */
    synchronized List<String> openShardIds() {
        List<String> open = new ArrayList<>();
        for (StreamShard shard : shards) {
            if (shard.isOpen()) {
                open.add(shard.id);
            }
        }
        return open;
    }

    /** What GetRecords returns: the records, where the next read starts, and whether the shard is done. */
    record Batch(List<byte[]> records, long nextIndex, boolean drained) {
    }
}
