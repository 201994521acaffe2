package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.expression.ConditionExpression;
import io.dynamocdc.testkit.expression.ExpressionContext;
import io.dynamocdc.testkit.expression.KeyCondition;
import io.dynamocdc.testkit.expression.ProjectionExpression;
import io.dynamocdc.testkit.expression.UpdateExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PutItem, GetItem, DeleteItem, UpdateItem, BatchWriteItem, BatchGetItem, Scan and Query. */
final class ItemOperations {

    static final int MAX_ITEM_BYTES = 400 * 1024;
    private static final int MAX_PAGE_BYTES = 1024 * 1024;
    private static final Set<String> LEGACY_PARAMETERS = Set.of("Expected", "AttributeUpdates", "ScanFilter",
            "QueryFilter", "KeyConditions", "AttributesToGet", "ConditionalOperator");

    private final EmulatorState state;

    ItemOperations(EmulatorState state) {
        this.state = state;
    }

    ObjectNode putItem(Request request) {
        rejectLegacy(request);
        Table table = table(request);
        ObjectNode item = AttributeValues.canonicalItem(request.node("Item"), "item");
        ItemKey key = table.keys.keyOfItem(item);
        checkSize(item);
        return conditionalWrite(request, table, key, item);
    }

    ObjectNode getItem(Request request) {
        rejectLegacy(request);
        Table table = table(request);
        ItemKey key = table.keys.keyOfKeyParameter(AttributeValues.canonicalItem(request.node("Key"), "key"));
        ExpressionContext context = context(request);
        ProjectionExpression projection = projection(request, context);
        context.requireAllUsed();
        ObjectNode item = table.get(key);
        if (item == null) {
            return empty();
        }
        return TableOperations.wrap("Item", projection == null ? item : projection.project(item));
    }

    ObjectNode deleteItem(Request request) {
        rejectLegacy(request);
        Table table = table(request);
        ItemKey key = table.keys.keyOfKeyParameter(AttributeValues.canonicalItem(request.node("Key"), "key"));
        return conditionalWrite(request, table, key, null);
    }

    /** PutItem's and DeleteItem's shared part: the condition, the write ({@code null} deletes), ReturnValues. */
    private ObjectNode conditionalWrite(Request request, Table table, ItemKey key, ObjectNode after) {
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
        ExpressionContext context = context(request);
        ConditionExpression condition = condition(request, context);
        context.requireAllUsed();
        ObjectNode before;
        synchronized (table) {
            checkCondition(condition, table.get(key));
            before = table.write(key, after, false);
        }
        return returnValues.equals("ALL_OLD") && before != null ? TableOperations.wrap("Attributes", before) : empty();
    }

    /** A delete by DynamoDB's TTL process: the stream record carries the service's user identity. */
    ObjectNode expireItem(Table table, ObjectNode keyAttributes) {
        ItemKey key = table.keys.keyOfKeyParameter(AttributeValues.canonicalItem(keyAttributes, "key"));
        return table.write(key, null, true);
    }

    ObjectNode updateItem(Request request) {
        rejectLegacy(request);
        Table table = table(request);
        ObjectNode keyAttributes = AttributeValues.canonicalItem(request.node("Key"), "key");
        ItemKey key = table.keys.keyOfKeyParameter(keyAttributes);
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        ExpressionContext context = context(request);
        String updateText = request.text("UpdateExpression", null);
        UpdateExpression update = updateText == null ? null : UpdateExpression.parse(updateText, context);
        ConditionExpression condition = condition(request, context);
        context.requireAllUsed();
        if (update != null) {
            for (String attribute : update.updatedAttributes()) {
                if (table.keys.isKeyAttribute(attribute)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute "
                            + attribute + ". This attribute is part of the key");
                }
            }
        }
        ObjectNode before;
        ObjectNode after;
        synchronized (table) {
            before = table.get(key);
            checkCondition(condition, before);
            ObjectNode start = before != null ? before : keyAttributes.deepCopy();
            after = update == null ? start : update.apply(start);
            checkSize(after);
            table.write(key, after, false);
        }
        return switch (returnValues) {
            case "ALL_OLD" -> before == null ? empty() : TableOperations.wrap("Attributes", before);
            case "ALL_NEW" -> TableOperations.wrap("Attributes", after);
            case "UPDATED_OLD" -> attributes(before, update);
            case "UPDATED_NEW" -> attributes(after, update);
            default -> empty();
        };
    }

    private static ObjectNode attributes(ObjectNode item, UpdateExpression update) {
        if (item == null || update == null) {
            return empty();
        }
        ObjectNode picked = AttributeValues.NODES.objectNode();
        for (String attribute : update.updatedAttributes()) {
            if (item.has(attribute)) {
                picked.set(attribute, item.get(attribute));
            }
        }
        return picked.isEmpty() ? empty() : TableOperations.wrap("Attributes", picked);
    }

    ObjectNode batchWriteItem(Request request) {
        ObjectNode requestItems = request.object("RequestItems");
        if (requestItems == null || requestItems.isEmpty()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        RegionState region = state.region(request.region());
        record Write(Table table, ItemKey key, ObjectNode item) {
        }
        List<Write> writes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields(); tables.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = tables.next();
            Table table = region.table(entry.getKey());
            Set<ItemKey> seen = new HashSet<>();
            for (JsonNode write : entry.getValue()) {
                Write parsed;
                if (write.has("PutRequest")) {
                    ObjectNode item = AttributeValues.canonicalItem(write.path("PutRequest").get("Item"), "item");
                    checkSize(item);
                    parsed = new Write(table, table.keys.keyOfItem(item), item);
                } else if (write.has("DeleteRequest")) {
                    ObjectNode key = AttributeValues.canonicalItem(write.path("DeleteRequest").get("Key"), "key");
                    parsed = new Write(table, table.keys.keyOfKeyParameter(key), null);
                } else {
                    throw DynamoDbException.validation("1 validation error detected: a WriteRequest must hold a PutRequest "
                            + "or a DeleteRequest");
                }
                if (!seen.add(parsed.key())) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(parsed);
            }
        }
        if (writes.size() > 25) {
            throw DynamoDbException.validation("Too many items requested for the BatchWriteItem call");
        }
        for (Write write : writes) {
            write.table().write(write.key(), write.item(), false);
        }
        ObjectNode answer = AttributeValues.NODES.objectNode();
        answer.putObject("UnprocessedItems");
        return answer;
    }

    ObjectNode batchGetItem(Request request) {
        ObjectNode requestItems = request.object("RequestItems");
        if (requestItems == null || requestItems.isEmpty()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        RegionState region = state.region(request.region());
        ObjectNode answer = AttributeValues.NODES.objectNode();
        ObjectNode responses = answer.putObject("Responses");
        int keys = 0;
        for (Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields(); tables.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = tables.next();
            Table table = region.table(entry.getKey());
            JsonNode spec = entry.getValue();
            ExpressionContext context = new ExpressionContext(spec.get("ExpressionAttributeNames"), null);
            String projectionText = spec.path("ProjectionExpression").asText(null);
            ProjectionExpression projection = projectionText == null ? null : ProjectionExpression.parse(projectionText, context);
            context.requireAllUsed();
            ArrayNode found = responses.putArray(table.name);
            for (JsonNode key : spec.path("Keys")) {
                keys++;
                ObjectNode item = table.get(table.keys.keyOfKeyParameter(AttributeValues.canonicalItem(key, "key")));
                if (item != null) {
                    found.add(projection == null ? item : projection.project(item));
                }
            }
        }
        if (keys > 100) {
            throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
        }
        answer.putObject("UnprocessedKeys");
        return answer;
    }

    ObjectNode scan(Request request) {
        rejectLegacy(request);
        Table table = table(request);
        rejectIndex(request);
        int limit = request.integer("Limit", 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
        JsonNode segmentNode = request.node("Segment");
        JsonNode totalNode = request.node("TotalSegments");
        if ((segmentNode == null) != (totalNode == null)) {
            throw DynamoDbException.validation("The TotalSegments parameter is required but was not present in the request "
                    + "when Segment parameter is present");
        }
        int totalSegments = request.integer("TotalSegments", 1, 1_000_000, 1);
        int segment = request.integer("Segment", 0, 999_999, 0);
        if (segment >= totalSegments) {
            throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
        }
        ExpressionContext context = context(request);
        ConditionExpression filter = filter(request, context);
        ProjectionExpression projection = projection(request, context);
        context.requireAllUsed();
        ItemKey start = exclusiveStart(request, table);
        Page page = new Page(limit, filter, projection, countOnly(request));
        int segments = totalSegments;
        int wanted = segment;
        // Items are in hash order and a segment is a hash range: one contiguous stretch of them.
        table.scan(start, entry -> {
            int itemSegment = entry.getKey().segment(segments);
            if (itemSegment != wanted) {
                return itemSegment < wanted;
            }
            return page.offer(entry.getKey(), entry.getValue());
        });
        return page.answer(table.keys);
    }

    ObjectNode query(Request request) {
        rejectLegacy(request);
        Table table = table(request);
        rejectIndex(request);
        int limit = request.integer("Limit", 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
        ExpressionContext context = context(request);
        KeyCondition keyCondition = KeyCondition.parse(request.requiredText("KeyConditionExpression"), context,
                table.keys.hashName, table.keys.rangeName);
        ConditionExpression filter = filter(request, context);
        ProjectionExpression projection = projection(request, context);
        context.requireAllUsed();
        JsonNode hashValue = keyCondition.hashValue();
        if (!AttributeValues.type(hashValue).equals(table.keys.hashType)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Condition parameter type does "
                    + "not match schema type");
        }
        boolean forward = request.bool("ScanIndexForward", true);
        ItemKey start = exclusiveStart(request, table);
        Page page = new Page(limit, filter, projection, countOnly(request));
        for (Map.Entry<ItemKey, ObjectNode> entry : table.partition(hashValue, forward)) {
            // By order, not equality: the start item may have been deleted since the previous page.
            if (start != null && (forward ? entry.getKey().compareTo(start) <= 0 : entry.getKey().compareTo(start) >= 0)) {
                continue;
            }
            JsonNode range = table.keys.hasRange() ? entry.getValue().get(table.keys.rangeName) : null;
            if (!keyCondition.matchesRange(range)) {
                continue;
            }
            if (!page.offer(entry.getKey(), entry.getValue())) {
                break;
            }
        }
        return page.answer(table.keys);
    }

    /** One page of a Scan or Query: counts what it read, keeps what passes the filter, stops at the limits. */
    private static final class Page {
        private final int limit;
        private final ConditionExpression filter;
        private final ProjectionExpression projection;
        private final boolean countOnly;
        private final ArrayNode items = AttributeValues.NODES.arrayNode();
        private int scanned;
        private int count;
        private int bytes;
        private ObjectNode lastRead;
        private boolean cut;

        Page(int limit, ConditionExpression filter, ProjectionExpression projection, boolean countOnly) {
            this.limit = limit;
            this.filter = filter;
            this.projection = projection;
            this.countOnly = countOnly;
        }

        /** Takes one item read; false once the page is full. */
        boolean offer(ItemKey key, ObjectNode item) {
            scanned++;
            bytes += AttributeValues.itemSize(item);
            lastRead = item;
            if (filter == null || filter.test(item)) {
                count++;
                if (!countOnly) {
                    items.add(projection == null ? item : projection.project(item));
                }
            }
            if (scanned >= limit || bytes >= MAX_PAGE_BYTES) {
                cut = true;
                return false;
            }
            return true;
        }

        ObjectNode answer(KeySchema keys) {
            ObjectNode answer = AttributeValues.NODES.objectNode();
            if (!countOnly) {
                answer.set("Items", items);
            }
            answer.put("Count", count);
            answer.put("ScannedCount", scanned);
            if (cut) {
                answer.set("LastEvaluatedKey", keys.keyOf(lastRead));
            }
            return answer;
        }
    }

    private static boolean countOnly(Request request) {
        String select = request.text("Select", "ALL_ATTRIBUTES");
        if (!Set.of("ALL_ATTRIBUTES", "COUNT", "SPECIFIC_ATTRIBUTES").contains(select)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + select + "' at 'select' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
                    + "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        return select.equals("COUNT");
    }

    private static ItemKey exclusiveStart(Request request, Table table) {
        ObjectNode start = request.object("ExclusiveStartKey");
        if (start == null) {
            return null;
        }
        return table.keys.keyOfKeyParameter(AttributeValues.canonicalItem(start, "exclusiveStartKey"));
    }

    private Table table(Request request) {
        return state.region(request.region()).table(request.requiredText("TableName"));
    }

    private static ExpressionContext context(Request request) {
        return new ExpressionContext(request.node("ExpressionAttributeNames"), request.node("ExpressionAttributeValues"));
    }

    private static ConditionExpression condition(Request request, ExpressionContext context) {
        String text = request.text("ConditionExpression", null);
        return text == null ? null : ConditionExpression.parse(text, context);
    }

    private static ConditionExpression filter(Request request, ExpressionContext context) {
        String text = request.text("FilterExpression", null);
        return text == null ? null : ConditionExpression.parseFilter(text, context);
    }

    private static ProjectionExpression projection(Request request, ExpressionContext context) {
        String text = request.text("ProjectionExpression", null);
        return text == null ? null : ProjectionExpression.parse(text, context);
    }

    private static void checkCondition(ConditionExpression condition, ObjectNode current) {
        if (condition != null && !condition.test(current == null ? AttributeValues.NODES.objectNode() : current)) {
            throw DynamoDbException.conditionalCheckFailed();
        }
    }

    private static void checkSize(ObjectNode item) {
        if (AttributeValues.itemSize(item) > MAX_ITEM_BYTES) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    private static String returnValues(Request request, Set<String> allowed) {
        String value = request.text("ReturnValues", "NONE");
        if (!allowed.contains(value)) {
            throw DynamoDbException.validation("Return values set to invalid value");
        }
        return value;
    }

    private static void rejectLegacy(Request request) {
        for (String parameter : LEGACY_PARAMETERS) {
            if (request.node(parameter) != null) {
                throw DynamoDbException.validation("The legacy parameter " + parameter + " is not supported by the "
                        + "dynamo-cdc emulator; use the expression parameters");
            }
        }
    }

    private static void rejectIndex(Request request) {
        if (request.node("IndexName") != null) {
            throw DynamoDbException.validation("Secondary indexes are not supported by the dynamo-cdc emulator");
        }
    }

    private static ObjectNode empty() {
        return AttributeValues.NODES.objectNode();
    }
}
