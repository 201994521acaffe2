package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** ListStreams, DescribeStream, GetShardIterator and GetRecords (DynamoDB Streams). */
final class StreamOperations {

    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final EmulatorState state;

    StreamOperations(EmulatorState state) {
        this.state = state;
    }

    ObjectNode listStreams(Request request) {
        String tableName = request.text("TableName", null);
        int limit = request.integer("Limit", 1, 100, 100);
        String start = request.text("ExclusiveStartStreamArn", null);
        RegionState region = state.region(request.region());
        if (tableName != null) {
            region.table(tableName);
        }
        ObjectNode answer = AttributeValues.NODES.objectNode();
        ArrayNode streams = answer.putArray("Streams");
        boolean started = start == null;
        String last = null;
        for (TableStream stream : region.streams) {
            if (!started) {
                started = stream.arn.equals(start);
                continue;
            }
            if (tableName != null && !stream.tableName.equals(tableName)) {
                continue;
            }
            if (streams.size() == limit) {
                answer.put("LastEvaluatedStreamArn", last);
                break;
            }
            streams.addObject().put("StreamArn", stream.arn).put("TableName", stream.tableName).put("StreamLabel", stream.label);
            last = stream.arn;
        }
        return answer;
    }

    ObjectNode describeStream(Request request) {
        TableStream stream = stream(request);
        int limit = request.integer("Limit", 1, 100, 100);
        String childrenOf = null;
        ObjectNode filter = request.object("ShardFilter");
        if (filter != null) {
            if (!"CHILD_SHARDS".equals(filter.path("Type").asText())) {
                throw DynamoDbException.validation("1 validation error detected: Value '" + filter.path("Type").asText()
                        + "' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]");
            }
            childrenOf = filter.path("ShardId").asText(null);
            if (childrenOf == null) {
                throw DynamoDbException.validation("ShardFilter of type CHILD_SHARDS needs a ShardId");
            }
        }
        return TableOperations.wrap("StreamDescription", stream.describe(limit, request.text("ExclusiveStartShardId", null), childrenOf));
    }

    ObjectNode getShardIterator(Request request) {
        TableStream stream = stream(request);
        String shardId = request.requiredText("ShardId");
        String type = request.requiredText("ShardIteratorType");
        long index = stream.iteratorIndex(shardId, type, request.text("SequenceNumber", null));
        ObjectNode answer = AttributeValues.NODES.objectNode();
        answer.put("ShardIterator", ShardIterators.encode(stream.arn, shardId, index, state.clock.millis()));
        return answer;
    }

    /** Written straight from each record's stored bytes: the hot path of every stream reader. */
    byte[] getRecords(Request request) {
        ShardIterators.Position position = ShardIterators.decode(request.requiredText("ShardIterator"));
        int limit = request.integer("Limit", 1, 1000, 1000);
        TableStream stream = state.region(request.region()).stream(position.streamArn());
        long now = state.clock.millis();
        if (now - position.issuedAt() > ShardIterators.LIFETIME_MILLIS) {
            throw DynamoDbException.expiredIterator("Iterator expired. The iterator was created at time "
                    + Instant.ofEpochMilli(position.issuedAt()) + " while right now it is " + Instant.ofEpochMilli(now)
                    + ". The iterator is valid for 15 minutes.");
        }
        if (!state.admitRead(stream.arn + "/" + position.shardId())) {
            throw DynamoDbException.limitExceeded("Rate exceeded for shard " + position.shardId() + " in stream "
                    + stream.arn + " under account " + state.accountId + ".");
        }
        TableStream.Batch batch = stream.read(position.shardId(), position.index(), limit, MAX_RESPONSE_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + batch.records().stream().mapToInt(r -> r.length + 1).sum());
        out.writeBytes("{\"Records\":[".getBytes(StandardCharsets.US_ASCII));
        boolean first = true;
        for (byte[] record : batch.records()) {
            if (!first) {
                out.write(',');
            }
            out.writeBytes(record);
            first = false;
        }
        out.write(']');
        if (!batch.drained()) {
            String next = ShardIterators.encode(stream.arn, position.shardId(), batch.nextIndex(), now);
            out.writeBytes((",\"NextShardIterator\":\"" + next + "\"").getBytes(StandardCharsets.UTF_8));
        }
        out.write('}');
        return out.toByteArray();
    }

    private TableStream stream(Request request) {
        return state.region(request.region()).stream(request.requiredText("StreamArn"));
    }
}
