package io.dynamocdc.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Routes one JSON 1.0 call ({@code X-Amz-Target: DynamoDB_20120810.PutItem} …) to its operation,
 * after counting it and applying the injected faults, and turns every failure into DynamoDB's error
 * shape.
 */
final class ApiDispatcher {

    static final String DYNAMODB_PREFIX = "DynamoDB_20120810.";
    static final String STREAMS_PREFIX = "DynamoDBStreams_20120810.";
    private static final Set<String> STREAM_OPERATIONS = Set.of("ListStreams", "DescribeStream", "GetShardIterator", "GetRecords");
    /** Every operation served, by the name in {@code X-Amz-Target} (faults are checked against it). */
    static final Set<String> OPERATIONS = Set.of("CreateTable", "DescribeTable", "UpdateTable", "DeleteTable", "ListTables",
            "PutItem", "GetItem", "DeleteItem", "UpdateItem", "BatchWriteItem", "BatchGetItem", "Scan", "Query",
            "ListStreams", "DescribeStream", "GetShardIterator", "GetRecords");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What goes back over HTTP. */
    record Answer(int status, byte[] body) {
    }

    private final EmulatorState state;
    private final Map<String, Function<Request, byte[]>> dynamodb;
    private final Map<String, Function<Request, byte[]>> streams;

    ApiDispatcher(EmulatorState state) {
        this.state = state;
        TableOperations tables = new TableOperations(state);
        ItemOperations items = new ItemOperations(state);
        StreamOperations streamOperations = new StreamOperations(state);
        this.dynamodb = Map.ofEntries(
                json("CreateTable", tables::createTable),
                json("DescribeTable", tables::describeTable),
                json("UpdateTable", tables::updateTable),
                json("DeleteTable", tables::deleteTable),
                json("ListTables", tables::listTables),
                json("PutItem", items::putItem),
                json("GetItem", items::getItem),
                json("DeleteItem", items::deleteItem),
                json("UpdateItem", items::updateItem),
                json("BatchWriteItem", items::batchWriteItem),
                json("BatchGetItem", items::batchGetItem),
                json("Scan", items::scan),
                json("Query", items::query));
        this.streams = Map.ofEntries(
                json("ListStreams", streamOperations::listStreams),
                json("DescribeStream", streamOperations::describeStream),
                json("GetShardIterator", streamOperations::getShardIterator),
                Map.entry("GetRecords", streamOperations::getRecords));
    }

    private static Map.Entry<String, Function<Request, byte[]>> json(String name, Function<Request, ObjectNode> operation) {
        return Map.entry(name, request -> write(operation.apply(request)));
    }

    Answer handle(String target, String region, String accessKey, byte[] body) {
        try {
            if (!state.acceptedAccessKeys.isEmpty() && !state.acceptedAccessKeys.contains(accessKey)) {
                throw new DynamoDbException("UnrecognizedClientException", 400,
                        "The security token included in the request is invalid.");
            }
            Function<Request, byte[]> operation = operation(target);
            String name = target.substring(target.indexOf('.') + 1);
            state.count(name);
            applyFaults(name);
            return new Answer(200, operation.apply(new Request(name, region, parse(body))));
        } catch (DynamoDbException e) {
            return error(e);
        } catch (RuntimeException e) {
            return error(DynamoDbException.internalServerError("The dynamo-cdc emulator failed: " + e));
        }
    }

    private Function<Request, byte[]> operation(String target) {
        Function<Request, byte[]> operation = null;
        if (target != null && target.startsWith(DYNAMODB_PREFIX)) {
            operation = dynamodb.get(target.substring(DYNAMODB_PREFIX.length()));
        } else if (target != null && target.startsWith(STREAMS_PREFIX)) {
            operation = streams.get(target.substring(STREAMS_PREFIX.length()));
        }
        if (operation == null) {
            throw DynamoDbException.unknownOperation(String.valueOf(target));
        }
        return operation;
    }

    /** Every fault sees every call (so each one's count stays true); delays first, then the first error. */
    private void applyFaults(String operation) {
        Fault failure = null;
        for (Fault fault : state.faults) {
            if (fault.hits(operation)) {
                if (fault.kind() == Fault.Kind.DELAY) {
                    pause(fault);
                } else if (failure == null) {
                    failure = fault;
                }
            }
        }
        if (failure == null) {
            return;
        }
        if (failure.kind() == Fault.Kind.SERVER_ERROR) {
            throw DynamoDbException.internalServerError("Internal server error (injected)");
        }
        if (failure.kind() == Fault.Kind.ACCESS_DENIED) {
            throw DynamoDbException.accessDenied("User is not authorized to perform: dynamodb:" + operation + " (injected)");
        }
        throw STREAM_OPERATIONS.contains(operation)
                ? DynamoDbException.limitExceeded("Rate exceeded for this stream (injected)")
                : new DynamoDbException("ProvisionedThroughputExceededException", 400,
                        "The level of configured provisioned throughput for the table was exceeded (injected)");
    }

    /** A slow answer is the fault itself: the call waits as a slow service would. */
    private static void pause(Fault fault) {
        try {
            Thread.sleep(fault.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new DynamoDbException("SerializationException", 400, "Start of structure or map found where not expected");
    }

    static Answer error(DynamoDbException e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", "com.amazonaws.dynamodb.v20120810#" + e.errorType());
        body.put("message", e.getMessage());
        return new Answer(e.httpStatus(), write(body));
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
