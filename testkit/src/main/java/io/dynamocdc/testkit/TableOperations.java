package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** CreateTable, DescribeTable, UpdateTable, DeleteTable and ListTables. */
final class TableOperations {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final EmulatorState state;

    TableOperations(EmulatorState state) {
        this.state = state;
    }

    ObjectNode createTable(Request request) {
        String name = request.requiredText("TableName");
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
                    + "satisfy constraint: Member must have length " + (name.length() < 3 ? "greater than or equal to 3"
                    : "less than or equal to 255"));
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        for (String unsupported : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
            if (request.node(unsupported) != null && !request.node(unsupported).isEmpty()) {
                throw DynamoDbException.validation(unsupported + " are not supported by the dynamo-cdc emulator");
            }
        }
        KeySchema keys = keySchema(request.node("KeySchema"), request.node("AttributeDefinitions"));
        RegionState region = state.region(request.region());
        long now = state.clock.millis();
        Table table = new Table(name, tableArn(request.region(), name), UUID.randomUUID().toString(), keys,
                (ArrayNode) request.node("AttributeDefinitions"), now);
        synchronized (region) {
            if (region.tables.containsKey(name)) {
                throw DynamoDbException.resourceInUse("Table already exists: " + name);
            }
            ObjectNode streamSpecification = request.object("StreamSpecification");
            if (streamSpecification != null && streamSpecification.path("StreamEnabled").asBoolean()) {
                enableStream(region, table, viewType(streamSpecification));
            }
            region.tables.put(name, table);
        }
        // DynamoDB answers CREATING; the table is ACTIVE by the first DescribeTable (waiters return at once).
        return wrap("TableDescription", describe(table, "CREATING"));
    }

    ObjectNode describeTable(Request request) {
        Table table = state.region(request.region()).table(request.requiredText("TableName"));
        return wrap("Table", describe(table, "ACTIVE"));
    }

    ObjectNode updateTable(Request request) {
        RegionState region = state.region(request.region());
        Table table = region.table(request.requiredText("TableName"));
        ObjectNode streamSpecification = request.object("StreamSpecification");
        if (streamSpecification != null) {
            boolean enable = streamSpecification.path("StreamEnabled").asBoolean();
            synchronized (table) {
                if (enable) {
                    if (table.activeStream() != null) {
                        throw DynamoDbException.validation("Table already has an enabled stream: TableName: " + table.name);
                    }
                    enableStream(region, table, viewType(streamSpecification));
                } else {
                    if (table.activeStream() == null) {
                        throw DynamoDbException.validation("Table already has no stream enabled: TableName: " + table.name);
                    }
                    table.disableStream();
                }
            }
        }
        // Billing mode, throughput and the rest are accepted and have no effect here.
        return wrap("TableDescription", describe(table, "ACTIVE"));
    }

    ObjectNode deleteTable(Request request) {
        RegionState region = state.region(request.region());
        Table table = region.table(request.requiredText("TableName"));
        synchronized (region) {
            region.tables.remove(table.name);
        }
        table.disableStream();
        return wrap("TableDescription", describe(table, "DELETING"));
    }

    ObjectNode listTables(Request request) {
        String start = request.text("ExclusiveStartTableName", null);
        int limit = request.integer("Limit", 1, 100, 100);
        ObjectNode answer = AttributeValues.NODES.objectNode();
        ArrayNode names = answer.putArray("TableNames");
        String last = null;
        for (String name : state.region(request.region()).tables.keySet()) {
            if (start != null && name.compareTo(start) <= 0) {
                continue;
            }
            if (names.size() == limit) {
                answer.put("LastEvaluatedTableName", last);
                break;
            }
            names.add(name);
            last = name;
        }
        return answer;
    }

    private void enableStream(RegionState region, Table table, String viewType) {
        // The label (the creation time) names the stream; no two streams of the region may share an ARN,
        // not even a deleted and re-created table's under a clock that stands still.
        synchronized (region) {
            long at = state.clock.millis();
            String label = LABEL.format(Instant.ofEpochMilli(at));
            while (region.streamsByArn.containsKey(table.arn + "/stream/" + label)) {
                label = LABEL.format(Instant.ofEpochMilli(++at));
            }
            TableStream stream = new TableStream(table.arn + "/stream/" + label, label, table.name, region.region, viewType,
                    table.keys, state.clock, state.streamSettings::get);
            table.enableStream(stream);
            region.addStream(stream);
        }
    }

    private static String viewType(ObjectNode specification) {
        String viewType = specification.path("StreamViewType").asText(null);
        if (viewType == null || !VIEW_TYPES.contains(viewType)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + viewType + "' at "
                    + "'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value "
                    + "set: [NEW_AND_OLD_IMAGES, NEW_IMAGE, OLD_IMAGE, KEYS_ONLY]");
        }
        return viewType;
    }

    private static KeySchema keySchema(JsonNode schema, JsonNode definitions) {
        if (schema == null || !schema.isArray() || schema.isEmpty() || schema.size() > 2) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'keySchema' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 2 and at least 1");
        }
        if (definitions == null || !definitions.isArray()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'attributeDefinitions' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        String hash = null;
        String range = null;
        for (JsonNode element : schema) {
            String type = element.path("KeyType").asText();
            String name = element.path("AttributeName").asText();
            if (type.equals("HASH") && hash == null) {
                hash = name;
            } else if (type.equals("RANGE") && range == null) {
                range = name;
            } else {
                throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
            }
        }
        if (hash == null) {
            throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (definitions.size() != (range == null ? 1 : 2)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Number of attributes in KeySchema "
                    + "does not exactly match number of attributes defined in AttributeDefinitions");
        }
        String hashType = null;
        String rangeType = null;
        for (JsonNode definition : definitions) {
            String name = definition.path("AttributeName").asText();
            String type = definition.path("AttributeType").asText();
            if (!Set.of("S", "N", "B").contains(type)) {
                throw DynamoDbException.validation("1 validation error detected: Value '" + type + "' at "
                        + "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [B, N, S]");
            }
            if (name.equals(hash)) {
                hashType = type;
            } else if (name.equals(range)) {
                rangeType = type;
            }
        }
        if (hashType == null || (range != null && rangeType == null)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Some index key attributes are "
                    + "not defined in AttributeDefinitions. Keys: [" + hash + (range == null ? "" : ", " + range) + "]");
        }
        return new KeySchema(hash, hashType, range, rangeType);
    }

    ObjectNode describe(Table table, String status) {
        ObjectNode description = AttributeValues.NODES.objectNode();
        description.set("AttributeDefinitions", table.attributeDefinitions);
        description.put("TableName", table.name);
        description.set("KeySchema", table.keys.describe());
        description.put("TableStatus", status);
        description.put("CreationDateTime", table.createdAt / 1000.0);
        description.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", 0).put("WriteCapacityUnits", 0);
        description.put("TableSizeBytes", table.sizeBytes());
        description.put("ItemCount", table.itemCount());
        description.put("TableArn", table.arn);
        description.put("TableId", table.id);
        description.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST")
                .put("LastUpdateToPayPerRequestDateTime", table.createdAt / 1000.0);
        TableStream active = table.activeStream();
        if (active != null) {
            description.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", active.viewType);
        }
        TableStream latest = table.latestStream();
        if (latest != null) {
            description.put("LatestStreamLabel", latest.label);
            description.put("LatestStreamArn", latest.arn);
        }
        description.put("DeletionProtectionEnabled", false);
        // What DynamoDB reports for a new on-demand table.
        description.putObject("WarmThroughput").put("ReadUnitsPerSecond", 12000).put("WriteUnitsPerSecond", 4000)
                .put("Status", "ACTIVE");
        return description;
    }

    private String tableArn(String region, String name) {
        return "arn:aws:dynamodb:" + region + ":" + state.accountId + ":table/" + name;
    }

    static ObjectNode wrap(String member, JsonNode value) {
        ObjectNode answer = AttributeValues.NODES.objectNode();
        answer.set(member, value);
        return answer;
    }
}
