package io.dynamocdc.transform;

import static io.dynamocdc.transform.StreamRecordFields.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one change record from JSON bytes with Jackson's streaming parser: one pass, no JSON tree.
 * Accepts the DynamoDB Streams shape (Lambda, EventBridge Pipes, the connector) and the Kinesis Data
 * Streams for DynamoDB shape. Unknown fields are skipped so that new AWS fields never break a
 * pipeline; missing or mistyped known fields are an {@link InvalidRecordException}. Thread-safe.
 */
public final class ChangeEventParser {

    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                    .maxStringLength(Limits.MAX_STRING_CHARS)
                    .build())
            .build();

    public ChangeEvent parse(byte[] json) {
        return parse(json, 0, json.length);
    }

    /**
     * Reads a record already decoded into Maps, Lists, Strings, Numbers and Booleans (a schemaless
     * Kafka Connect value), with the same rules and error paths as the bytes.
     */
    public ChangeEvent parse(java.util.Map<?, ?> record) {
        return MapRecordReader.read(record);
    }

    public ChangeEvent parse(byte[] json, int offset, int length) {
        Reader reader = new Reader();
        try (JsonParser parser = JSON.createParser(json, offset, length)) {
            reader.parser = parser;
            return reader.readRecord();
        } catch (JsonProcessingException e) {
            // Constraint violations carry no location: take the parser's own.
            com.fasterxml.jackson.core.JsonLocation where = e.getLocation() != null ? e.getLocation()
                    : reader.parser != null ? reader.parser.currentLocation() : null;
            String at = where != null && where.getByteOffset() >= 0 ? " (byte " + where.getByteOffset() + ")" : "";
            // Jackson's message may quote the offending text: keep it out of the value-free reason.
            throw new InvalidRecordException(reader.event.eventId(), reader.trail.toString(), reader.trail.withoutMapKeys(),
                    "malformed JSON: " + e.getOriginalMessage() + at, "malformed JSON" + at, e);
        } catch (IOException e) {
            throw new InvalidRecordException(reader.event.eventId(), reader.trail.toString(), reader.trail.withoutMapKeys(),
                    "unreadable: " + e.getMessage(), "unreadable input", e);
        } catch (FieldFault e) {
            throw new InvalidRecordException(reader.event.eventId(), reader.trail.toString(), reader.trail.withoutMapKeys(),
                    e.getMessage(), e.withoutValues, null);
        }
    }

    /** A fault at the reader's current place; turned into an {@link InvalidRecordException} with the path. */
    private static final class FieldFault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String withoutValues;

        FieldFault(String reason) {
            this(reason, reason);
        }

        FieldFault(String reason, String withoutValues) {
            super(reason, null, false, false);
            this.withoutValues = withoutValues;
        }
    }

    /** The state of one parse. */
    private static final class Reader {
        private final ChangeEvent.Builder event = ChangeEvent.builder();
        private final PathTrail trail = new PathTrail();
        private JsonParser parser;
        private Object creationTime;
        private String timePrecision;
        private boolean kinesisShaped;

        ChangeEvent readRecord() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FieldFault("expected a JSON object holding one stream record");
            }
            boolean sawDynamodb = false;
            String eventName = null;
            String name;
            while ((name = parser.nextFieldName()) != null) {
                trail.push(name);
                JsonToken token = parser.nextToken();
                switch (name) {
                    case EVENT_ID -> event.eventId(text(token));
                    case EVENT_NAME -> eventName = text(token);
                    case EVENT_VERSION -> event.eventVersion(text(token));
                    case EVENT_SOURCE -> event.eventSource(text(token));
                    case AWS_REGION -> event.awsRegion(text(token));
                    case EVENT_SOURCE_ARN -> event.eventSourceArn(text(token));
                    case TABLE_NAME -> {
                        event.tableName(text(token));
                        kinesisShaped = true;
                    }
                    case RECORD_FORMAT -> {
                        text(token);
                        kinesisShaped = true;
                    }
                    case USER_IDENTITY -> readUserIdentity(token);
                    case DYNAMODB -> {
                        expectObject(token);
                        readDynamodb();
                        sawDynamodb = true;
                    }
                    default -> parser.skipChildren();
                }
                trail.pop();
            }
            if (parser.nextToken() != null) {
                throw new FieldFault("unexpected content after the record's closing brace");
            }
            if (!sawDynamodb) {
                trail.push(DYNAMODB);
                throw new FieldFault("missing: the record has no 'dynamodb' object");
            }
            RecordFormat format = kinesisShaped ? RecordFormat.KINESIS_DATA_STREAMS : RecordFormat.DYNAMODB_STREAMS;
            event.format(format).operation(operation(eventName));
            if (creationTime != null) {
                trail.push(DYNAMODB);
                trail.push(APPROXIMATE_CREATION_DATE_TIME);
                try {
                    event.creationTimeMicros(CreationTimes.toMicros(creationTime, format, timePrecision));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new FieldFault(e.getMessage());
                }
                trail.pop();
                trail.pop();
            }
            return event.build();
        }

        private Operation operation(String eventName) {
            Operation operation = Operation.forEventName(eventName);
            if (operation == null && eventName != null) {
                trail.push(EVENT_NAME);
                throw new FieldFault("unknown eventName '" + eventName + "': expected INSERT, MODIFY or REMOVE");
            }
            return operation;
        }

        private void readUserIdentity(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            expectObject(token);
            String type = null;
            String principal = null;
            String name;
            while ((name = parser.nextFieldName()) != null) {
                trail.push(name);
                JsonToken value = parser.nextToken();
                switch (name) {
                    case USER_IDENTITY_TYPE -> type = text(value);
                    case USER_IDENTITY_PRINCIPAL -> principal = text(value);
                    default -> parser.skipChildren();
                }
                trail.pop();
            }
            event.userIdentity(type, principal);
        }

        private void readDynamodb() throws IOException {
            String name;
            while ((name = parser.nextFieldName()) != null) {
                trail.push(name);
                JsonToken token = parser.nextToken();
                switch (name) {
                    case APPROXIMATE_CREATION_DATE_TIME -> creationTime = time(token);
                    case APPROXIMATE_CREATION_DATE_TIME_PRECISION -> timePrecision = text(token);
                    case KEYS -> event.keys(image(token));
                    case NEW_IMAGE -> event.newImage(image(token));
                    case OLD_IMAGE -> event.oldImage(image(token));
                    case SEQUENCE_NUMBER -> event.sequenceNumber(text(token));
                    case SIZE_BYTES -> event.sizeBytes(sizeBytes(token));
                    case STREAM_VIEW_TYPE -> event.streamViewType(text(token));
                    default -> parser.skipChildren();
                }
                trail.pop();
            }
        }

        private Object time(JsonToken token) throws IOException {
            return switch (token) {
                case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                case VALUE_STRING -> parser.getText();
                case VALUE_NULL -> null;
                default -> throw new FieldFault("expected epoch seconds (a number), found " + describe(token));
            };
        }

        private long sizeBytes(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return -1;
            }
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw new FieldFault("expected a whole number, found " + describe(token));
            }
            return parser.getLongValue();
        }

        private Item image(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(token);
            return item(1);
        }

        /** Reads the attributes of an object whose START_OBJECT was just read. */
        private Item item(int depth) throws IOException {
            Item.Builder item = Item.builder();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                trail.push(name);
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new FieldFault("expected an attribute value such as {\"S\": \"text\"}, found " + describe(parser.currentToken()));
                }
                AttributeValue value = attributeValue(depth);
                try {
                    item.put(name, value);
                } catch (IllegalArgumentException e) {
                    throw new FieldFault(e.getMessage());
                }
                trail.pop();
            }
            return item.build();
        }

        /** Reads {@code {"TYPE": value}} whose START_OBJECT was just read. */
        private AttributeValue attributeValue(int depth) throws IOException {
            if (depth > Limits.MAX_ATTRIBUTE_DEPTH) {
                throw new FieldFault("attribute values nest deeper than " + Limits.MAX_ATTRIBUTE_DEPTH + " levels");
            }
            String type = parser.nextFieldName();
            if (type == null) {
                throw new FieldFault("empty attribute value: expected one type descriptor (S, N, B, BOOL, NULL, M, L, SS, NS, BS)");
            }
            trail.push(type);
            JsonToken token = parser.nextToken();
            AttributeValue value = switch (type) {
                case "S" -> new AttributeValue.S(text(token, "a string"));
                case "N" -> new AttributeValue.N(number(token));
                case "B" -> new AttributeValue.B(binary(token));
                case "BOOL" -> AttributeValue.Bool.of(bool(token));
                case "NULL" -> nullValue(token);
                case "M" -> {
                    expectObject(token);
                    yield new AttributeValue.M(item(depth + 1));
                }
                case "L" -> list(token, depth);
                case "SS" -> new AttributeValue.SS(set(token, Kind.STRING));
                case "NS" -> new AttributeValue.NS(set(token, Kind.NUMBER));
                case "BS" -> new AttributeValue.BS(set(token, Kind.BINARY));
                default -> throw new FieldFault("unknown attribute type '" + type
                        + "': expected one of S, N, B, BOOL, NULL, M, L, SS, NS, BS");
            };
            trail.pop();
            if (parser.nextToken() != JsonToken.END_OBJECT) {
                throw new FieldFault("an attribute value holds exactly one type descriptor; found also '"
                        + parser.currentName() + "'");
            }
            return value;
        }

        private AttributeValue list(JsonToken token, int depth) throws IOException {
            if (token != JsonToken.START_ARRAY) {
                throw new FieldFault("expected a JSON array, found " + describe(token));
            }
            List<AttributeValue> values = new ArrayList<>();
            int index = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                trail.pushIndex(index++);
                if (token != JsonToken.START_OBJECT) {
                    throw new FieldFault("expected an attribute value such as {\"S\": \"text\"}, found " + describe(token));
                }
                values.add(attributeValue(depth + 1));
                trail.pop();
            }
            return new AttributeValue.L(values);
        }

        private enum Kind { STRING, NUMBER, BINARY }

        private List<String> set(JsonToken token, Kind kind) throws IOException {
            if (token != JsonToken.START_ARRAY) {
                throw new FieldFault("expected a JSON array, found " + describe(token));
            }
            List<String> members = new ArrayList<>();
            int index = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                trail.pushIndex(index++);
                members.add(switch (kind) {
                    case STRING -> text(token, "a string");
                    case NUMBER -> number(token);
                    case BINARY -> binary(token);
                });
                trail.pop();
            }
            return members;
        }

        private String number(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return parser.getText();
            }
            String text = text(token, "a number as a string");
            String json = DynamoNumbers.toJsonNumber(text);
            if (json == null) {
                throw new FieldFault("'" + abbreviate(text) + "' is not a number", "the string is not a number");
            }
            return json;
        }

        private String binary(JsonToken token) throws IOException {
            String text = text(token, "base64 text");
            if (!Base64Text.isValid(text)) {
                throw new FieldFault("'" + abbreviate(text) + "' is not base64", "the string is not base64");
            }
            return text;
        }

        private boolean bool(JsonToken token) {
            if (token == JsonToken.VALUE_TRUE) {
                return true;
            }
            if (token == JsonToken.VALUE_FALSE) {
                return false;
            }
            throw new FieldFault("expected true or false, found " + describe(token));
        }

        private AttributeValue nullValue(JsonToken token) {
            if (token != JsonToken.VALUE_TRUE) {
                throw new FieldFault("expected true (DynamoDB writes {\"NULL\": true}), found " + describe(token));
            }
            return AttributeValue.Null.INSTANCE;
        }

        /** A string field that may be null. */
        private String text(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            return text(token, "a string");
        }

        private String text(JsonToken token, String expected) throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                throw new FieldFault("expected " + expected + ", found " + describe(token));
            }
            return parser.getText();
        }

        private void expectObject(JsonToken token) {
            if (token != JsonToken.START_OBJECT) {
                throw new FieldFault("expected a JSON object, found " + describe(token));
            }
        }
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() != null ? token.asString() : token.name();
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
