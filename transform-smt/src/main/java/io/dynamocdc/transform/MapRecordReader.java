package io.dynamocdc.transform;

import static io.dynamocdc.transform.StreamRecordFields.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one change record that is already decoded into Maps and Lists (as Kafka Connect's JsonConverter
 * hands schemaless values over), with the same rules and error paths as {@link ChangeEventParser}.
 */
final class MapRecordReader {

    private final ChangeEvent.Builder event = ChangeEvent.builder();
    private final PathTrail trail = new PathTrail();

    private MapRecordReader() {
    }

    static ChangeEvent read(Map<?, ?> record) {
        MapRecordReader reader = new MapRecordReader();
        try {
            return reader.readRecord(record);
        } catch (Fault e) {
            throw new InvalidRecordException(reader.event.eventId(), reader.trail.toString(), reader.trail.withoutMapKeys(),
                    e.getMessage(), e.withoutValues, null);
        }
    }

    private static final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String withoutValues;

        Fault(String reason) {
            this(reason, reason);
        }

        Fault(String reason, String withoutValues) {
            super(reason, null, false, false);
            this.withoutValues = withoutValues;
        }
    }

    private ChangeEvent readRecord(Map<?, ?> record) {
        event.eventId(optionalText(record, EVENT_ID));
        String eventName = optionalText(record, EVENT_NAME);
        event.eventVersion(optionalText(record, EVENT_VERSION));
        event.eventSource(optionalText(record, EVENT_SOURCE));
        event.awsRegion(optionalText(record, AWS_REGION));
        event.eventSourceArn(optionalText(record, EVENT_SOURCE_ARN));
        boolean kinesisShaped = record.containsKey(TABLE_NAME) || record.containsKey(RECORD_FORMAT);
        event.tableName(optionalText(record, TABLE_NAME));
        optionalText(record, RECORD_FORMAT);
        Object identity = record.get(USER_IDENTITY);
        if (identity != null) {
            trail.push(USER_IDENTITY);
            Map<?, ?> user = object(identity);
            event.userIdentity(optionalText(user, USER_IDENTITY_TYPE), optionalText(user, USER_IDENTITY_PRINCIPAL));
            trail.pop();
        }
        trail.push(DYNAMODB);
        Object dynamodbValue = record.get(DYNAMODB);
        if (dynamodbValue == null) {
            throw new Fault("missing: the record has no 'dynamodb' object");
        }
        Map<?, ?> dynamodb = object(dynamodbValue);
        event.keys(image(dynamodb, KEYS));
        event.newImage(image(dynamodb, NEW_IMAGE));
        event.oldImage(image(dynamodb, OLD_IMAGE));
        event.sequenceNumber(optionalText(dynamodb, SEQUENCE_NUMBER));
        event.streamViewType(optionalText(dynamodb, STREAM_VIEW_TYPE));
        Object size = dynamodb.get(SIZE_BYTES);
        if (size != null) {
            trail.push(SIZE_BYTES);
            if (!(size instanceof Long || size instanceof Integer || size instanceof Short)) {
                throw new Fault("expected a whole number, found " + describe(size));
            }
            event.sizeBytes(((Number) size).longValue());
            trail.pop();
        }
        String precision = optionalText(dynamodb, APPROXIMATE_CREATION_DATE_TIME_PRECISION);
        Object time = dynamodb.get(APPROXIMATE_CREATION_DATE_TIME);
        RecordFormat format = kinesisShaped ? RecordFormat.KINESIS_DATA_STREAMS : RecordFormat.DYNAMODB_STREAMS;
        if (time != null) {
            trail.push(APPROXIMATE_CREATION_DATE_TIME);
            try {
                event.creationTimeMicros(CreationTimes.toMicros(timeValue(time), format, precision));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new Fault(e.getMessage());
            }
            trail.pop();
        }
        trail.pop();
        Operation operation = Operation.forEventName(eventName);
        if (operation == null && eventName != null) {
            trail.push(EVENT_NAME);
            throw new Fault("unknown eventName '" + eventName + "': expected INSERT, MODIFY or REMOVE");
        }
        return event.format(format).operation(operation).build();
    }

    private Object timeValue(Object time) {
        if (time instanceof Long || time instanceof Integer || time instanceof String || time instanceof BigDecimal) {
            return time;
        }
        if (time instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (time instanceof Double || time instanceof Float) {
            // Decoded upstream as binary floating point: its shortest decimal text is what the JSON said.
            return new BigDecimal(time.toString());
        }
        throw new Fault("expected epoch seconds (a number), found " + describe(time));
    }

    private Item image(Map<?, ?> dynamodb, String field) {
        Object value = dynamodb.get(field);
        if (value == null) {
            return null;
        }
        trail.push(field);
        Item item = item(object(value), 1);
        trail.pop();
        return item;
    }

    private Item item(Map<?, ?> attributes, int depth) {
        Item.Builder item = Item.builder();
        for (Map.Entry<?, ?> entry : attributes.entrySet()) {
            String name = String.valueOf(entry.getKey());
            trail.push(name);
            if (!(entry.getValue() instanceof Map<?, ?> descriptor)) {
                throw new Fault("expected an attribute value such as {\"S\": \"text\"}, found " + describe(entry.getValue()));
            }
            item.put(name, attributeValue(descriptor, depth));
            trail.pop();
        }
        return item.build();
    }

    private AttributeValue attributeValue(Map<?, ?> descriptor, int depth) {
        if (depth > Limits.MAX_ATTRIBUTE_DEPTH) {
            throw new Fault("attribute values nest deeper than " + Limits.MAX_ATTRIBUTE_DEPTH + " levels");
        }
        if (descriptor.size() != 1) {
            throw new Fault(descriptor.isEmpty()
                    ? "empty attribute value: expected one type descriptor (S, N, B, BOOL, NULL, M, L, SS, NS, BS)"
                    : "an attribute value holds exactly one type descriptor; found " + descriptor.keySet());
        }
        Map.Entry<?, ?> only = descriptor.entrySet().iterator().next();
        String type = String.valueOf(only.getKey());
        Object value = only.getValue();
        trail.push(type);
        AttributeValue result = switch (type) {
            case "S" -> new AttributeValue.S(string(value, "a string"));
            case "N" -> new AttributeValue.N(number(value));
            case "B" -> new AttributeValue.B(binary(value));
            case "BOOL" -> {
                if (!(value instanceof Boolean b)) {
                    throw new Fault("expected true or false, found " + describe(value));
                }
                yield AttributeValue.Bool.of(b);
            }
            case "NULL" -> {
                if (!Boolean.TRUE.equals(value)) {
                    throw new Fault("expected true (DynamoDB writes {\"NULL\": true}), found " + describe(value));
                }
                yield AttributeValue.Null.INSTANCE;
            }
            case "M" -> new AttributeValue.M(item(object(value), depth + 1));
            case "L" -> {
                List<AttributeValue> members = new ArrayList<>();
                int index = 0;
                for (Object member : list(value)) {
                    trail.pushIndex(index++);
                    if (!(member instanceof Map<?, ?> memberDescriptor)) {
                        throw new Fault("expected an attribute value such as {\"S\": \"text\"}, found " + describe(member));
                    }
                    members.add(attributeValue(memberDescriptor, depth + 1));
                    trail.pop();
                }
                yield new AttributeValue.L(members);
            }
            case "SS" -> new AttributeValue.SS(members(value, 'S'));
            case "NS" -> new AttributeValue.NS(members(value, 'N'));
            case "BS" -> new AttributeValue.BS(members(value, 'B'));
            default -> throw new Fault("unknown attribute type '" + type
                    + "': expected one of S, N, B, BOOL, NULL, M, L, SS, NS, BS");
        };
        trail.pop();
        return result;
    }

    private List<String> members(Object value, char kind) {
        List<String> members = new ArrayList<>();
        int index = 0;
        for (Object member : list(value)) {
            trail.pushIndex(index++);
            members.add(kind == 'N' ? number(member) : kind == 'B' ? binary(member) : string(member, "a string"));
            trail.pop();
        }
        return members;
    }

    private String number(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof BigDecimal || value instanceof BigInteger) {
            return DynamoNumbers.toJsonNumber(value.toString());
        }
        String text = string(value, "a number as a string");
        String json = DynamoNumbers.toJsonNumber(text);
        if (json == null) {
            throw new Fault("'" + ChangeEventParser.abbreviate(text) + "' is not a number", "the string is not a number");
        }
        return json;
    }

    private String binary(Object value) {
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        String text = string(value, "base64 text");
        if (!Base64Text.isValid(text)) {
            throw new Fault("'" + ChangeEventParser.abbreviate(text) + "' is not base64", "the string is not base64");
        }
        return text;
    }

    private String string(Object value, String expected) {
        if (!(value instanceof String text)) {
            throw new Fault("expected " + expected + ", found " + describe(value));
        }
        if (text.length() > Limits.MAX_STRING_CHARS) {
            throw new Fault("string of " + text.length() + " chars is longer than the limit of " + Limits.MAX_STRING_CHARS);
        }
        return text;
    }

    private String optionalText(Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            return null;
        }
        trail.push(field);
        String text = string(value, "a string");
        trail.pop();
        return text;
    }

    private Map<?, ?> object(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Fault("expected a JSON object, found " + describe(value));
        }
        return map;
    }

    private List<?> list(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new Fault("expected a JSON array, found " + describe(value));
        }
        return list;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
