package io.dynamocdc.connector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GetRecords answer's JSON straight into {@link ChangeRecord}s, in one streaming pass: the same
 * keys and values {@link StreamRecordMapper} builds from the SDK's model, without the model's objects
 * in between (parsing into them took most of a reader's CPU). Anything it does not expect is an
 * {@link IOException}, and the caller lets the SDK read the answer instead.
 */
final class WireRecords {

    // Item attribute names are the users' own, many and varied: not worth interning.
    private static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

    private WireRecords() {
    }

    /** What one answer held: its records, in order, and the iterator for the next call (null once the shard is closed). */
    record Page(List<ChangeRecord> records, String nextShardIterator) {
    }

    static Page parse(byte[] body, String streamArn, KeyOrder keyOrder) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
            List<ChangeRecord> records = List.of();
            String next = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("Records") && token == JsonToken.START_ARRAY) {
                    records = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        records.add(record(parser, streamArn, keyOrder));
                    }
                    expect(parser.currentToken(), JsonToken.END_ARRAY, parser);
                } else if (field.equals("NextShardIterator")) {
                    next = token == JsonToken.VALUE_NULL ? null : text(parser);
                } else {
                    parser.skipChildren();
                }
            }
            expect(parser.currentToken(), JsonToken.END_OBJECT, parser);
            return new Page(records, next);
        }
    }

    private static ChangeRecord record(JsonParser parser, String streamArn, KeyOrder keyOrder) throws IOException {
        StreamRecordMapper.Parts parts = new StreamRecordMapper.Parts();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "eventID" -> parts.eventId = text(parser);
                case "eventName" -> parts.eventName = text(parser);
                case "eventVersion" -> parts.eventVersion = text(parser);
                case "eventSource" -> parts.eventSource = text(parser);
                case "awsRegion" -> parts.awsRegion = text(parser);
                case "dynamodb" -> stream(parser, token, parts);
                case "userIdentity" -> parts.userIdentity = identity(parser, token);
                default -> parser.skipChildren();
            }
        }
        if (parts.keys == null || parts.sequenceNumber == null) {
            throw new IOException("a record without dynamodb.Keys or dynamodb.SequenceNumber");
        }
        return parts.toChange(streamArn, keyOrder);
    }

    /** The fields of a record's {@code dynamodb} object. */
    private static void stream(JsonParser parser, JsonToken token, StreamRecordMapper.Parts parts) throws IOException {
        expect(token, JsonToken.START_OBJECT, parser);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "ApproximateCreationDateTime" -> parts.changed = instant(parser, value);
                case "Keys" -> parts.keys = item(parser, value);
                case "NewImage" -> parts.newImage = item(parser, value);
                case "OldImage" -> parts.oldImage = item(parser, value);
                case "SequenceNumber" -> parts.sequenceNumber = text(parser);
                case "SizeBytes" -> parts.sizeBytes = value == JsonToken.VALUE_NULL ? null : parser.getLongValue();
                case "StreamViewType" -> parts.streamViewType = text(parser);
                default -> parser.skipChildren();
            }
        }
    }

    /** Epoch seconds, possibly with a fraction, to the millisecond (truncated, as the SDK reads them). */
    private static Instant instant(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IOException("ApproximateCreationDateTime is not a number at " + parser.currentLocation());
        }
        return Instant.ofEpochMilli(new BigDecimal(parser.getText()).scaleByPowerOfTen(3).longValue());
    }

    private static Map<String, Object> identity(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_OBJECT, parser);
        String type = null;
        String principal = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "Type" -> type = text(parser);
                case "PrincipalId" -> principal = text(parser);
                default -> parser.skipChildren();
            }
        }
        return StreamRecordMapper.identity(type, principal);
    }

    private static Map<String, Object> item(JsonParser parser, JsonToken token) throws IOException {
        expect(token, JsonToken.START_OBJECT, parser);
        Map<String, Object> item = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            item.put(name, attribute(parser, parser.nextToken()));
        }
        return item;
    }

    /** One attribute value in DynamoDB JSON, as StreamRecordMapper.attribute gives it (binary stays base64). */
    private static Map<String, Object> attribute(JsonParser parser, JsonToken token) throws IOException {
        expect(token, JsonToken.START_OBJECT, parser);
        Map<String, Object> attribute = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue; // the SDK ignores members sent as null
            }
            if (attribute != null) {
                throw new IOException("an attribute value with more than one type at " + parser.currentLocation());
            }
            attribute = switch (type) {
                case "S", "N" -> Map.of(type, text(parser));
                case "B" -> Map.of(type, base64(parser));
                case "BOOL" -> Map.of(type, bool(parser, value));
                case "NULL" -> {
                    bool(parser, value);
                    yield Map.of(type, Boolean.TRUE);
                }
                case "SS", "NS" -> Map.of(type, strings(parser, value, false));
                case "BS" -> Map.of(type, strings(parser, value, true));
                case "M" -> Map.of(type, item(parser, value));
                case "L" -> Map.of(type, list(parser, value));
                default -> throw new IOException("an attribute value of an unknown type '" + type + "' at " + parser.currentLocation());
            };
        }
        if (attribute == null) {
            throw new IOException("an attribute value without a type at " + parser.currentLocation());
        }
        return attribute;
    }

    private static List<Object> strings(JsonParser parser, JsonToken token, boolean binary) throws IOException {
        expect(token, JsonToken.START_ARRAY, parser);
        List<Object> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            values.add(binary ? base64(parser) : text(parser));
        }
        return List.copyOf(values);
    }

    /** Binary as the SDK's model gives it back: decoded (so bad base64 is refused) and encoded again. */
    private static String base64(JsonParser parser) throws IOException {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text(parser)));
        } catch (IllegalArgumentException e) {
            throw new IOException("binary that is not base64 at " + parser.currentLocation(), e);
        }
    }

    private static List<Object> list(JsonParser parser, JsonToken token) throws IOException {
        expect(token, JsonToken.START_ARRAY, parser);
        List<Object> values = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            values.add(attribute(parser, element));
        }
        return List.copyOf(values);
    }

    private static Boolean bool(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw new IOException("BOOL is not true or false at " + parser.currentLocation());
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private static String text(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException("expected a string, found " + parser.currentToken() + " at " + parser.currentLocation());
        }
        return parser.getText();
    }

    private static void expect(JsonToken found, JsonToken expected, JsonParser parser) throws IOException {
        if (found != expected) {
            throw new IOException("expected " + expected + ", found " + found + " at " + parser.currentLocation());
        }
    }
}
