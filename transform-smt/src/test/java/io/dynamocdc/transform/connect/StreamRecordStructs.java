package io.dynamocdc.transform.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * A DynamoDB stream record as a Connect Struct, the way a schema-ful source (Avro, Protobuf) would carry
 * it: the record and its {@code dynamodb} block as Structs, each image a map of attribute name to an
 * attribute-value Struct with one optional field per DynamoDB type (B and BS as bytes, M and L nested a
 * few levels), the creation time a double (or a Timestamp).
 */
final class StreamRecordStructs {

    /** How deep M and L nest in the attribute-value schema (Connect schemas cannot recurse). */
    private static final int DEPTH = 3;

    /** The attribute-value schema whose M and L nest {@code depth} more levels, by depth. */
    private static final Schema[] ATTRIBUTE_VALUES = new Schema[DEPTH + 1];

    static {
        for (int depth = 0; depth <= DEPTH; depth++) {
            ATTRIBUTE_VALUES[depth] = attributeValueSchema(depth);
        }
    }

    static final Schema ATTRIBUTE_VALUE = ATTRIBUTE_VALUES[DEPTH];

    static final Schema USER_IDENTITY = SchemaBuilder.struct().name("test.UserIdentity").optional()
            .field("type", Schema.OPTIONAL_STRING_SCHEMA)
            .field("principalId", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static final Schema IMAGE = SchemaBuilder.map(Schema.STRING_SCHEMA, ATTRIBUTE_VALUE).optional().build();

    /** The record's schema, its creation time a double (epoch seconds, or Kinesis' ms/µs). */
    static final Schema RECORD = recordSchema(Schema.OPTIONAL_FLOAT64_SCHEMA);

    /** The record's schema, its creation time Connect's Timestamp logical type. */
    static final Schema RECORD_WITH_TIMESTAMP_TIME = recordSchema(Timestamp.builder().optional().build());

    private final boolean binaryAsByteBuffer;
    private final Schema recordSchema;

    private StreamRecordStructs(boolean binaryAsByteBuffer, Schema recordSchema) {
        this.binaryAsByteBuffer = binaryAsByteBuffer;
        this.recordSchema = recordSchema;
    }

    /** The record as a Struct, binaries as byte[]. */
    static Struct toStruct(byte[] record) {
        return new StreamRecordStructs(false, RECORD).record(parse(record));
    }

    /** The record as a Struct, binaries as ByteBuffer (Connect allows either for BYTES). */
    static Struct toStructWithByteBuffers(byte[] record) {
        return new StreamRecordStructs(true, RECORD).record(parse(record));
    }

    /** The record as a Struct whose creation time (epoch seconds in the JSON) is a Timestamp. */
    static Struct toStructWithTimestampTime(byte[] record) {
        return new StreamRecordStructs(false, RECORD_WITH_TIMESTAMP_TIME).record(parse(record));
    }

    private static Schema recordSchema(Schema creationTime) {
        Schema dynamodb = SchemaBuilder.struct().name("test.StreamRecord").optional()
                .field("ApproximateCreationDateTime", creationTime)
                .field("ApproximateCreationDateTimePrecision", Schema.OPTIONAL_STRING_SCHEMA)
                .field("Keys", IMAGE)
                .field("NewImage", IMAGE)
                .field("OldImage", IMAGE)
                .field("SequenceNumber", Schema.OPTIONAL_STRING_SCHEMA)
                .field("SizeBytes", Schema.OPTIONAL_INT64_SCHEMA)
                .field("StreamViewType", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        return SchemaBuilder.struct().name("test.Record")
                .field("eventID", Schema.OPTIONAL_STRING_SCHEMA)
                .field("eventName", Schema.OPTIONAL_STRING_SCHEMA)
                .field("eventVersion", Schema.OPTIONAL_STRING_SCHEMA)
                .field("eventSource", Schema.OPTIONAL_STRING_SCHEMA)
                .field("awsRegion", Schema.OPTIONAL_STRING_SCHEMA)
                .field("recordFormat", Schema.OPTIONAL_STRING_SCHEMA)
                .field("tableName", Schema.OPTIONAL_STRING_SCHEMA)
                .field("userIdentity", USER_IDENTITY)
                .field("dynamodb", dynamodb)
                .field("eventSourceARN", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
    }

    private static JsonNode parse(byte[] record) {
        try {
            return Fixtures.JSON.readTree(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema attributeValueSchema(int depth) {
        SchemaBuilder value = SchemaBuilder.struct().name("test.AttributeValue" + depth).optional()
                .field("S", Schema.OPTIONAL_STRING_SCHEMA)
                .field("N", Schema.OPTIONAL_STRING_SCHEMA)
                .field("B", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("BOOL", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("NULL", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("SS", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field("NS", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field("BS", SchemaBuilder.array(Schema.BYTES_SCHEMA).optional().build());
        if (depth > 0) {
            Schema inner = ATTRIBUTE_VALUES[depth - 1];
            value.field("M", SchemaBuilder.map(Schema.STRING_SCHEMA, inner).optional().build())
                    .field("L", SchemaBuilder.array(inner).optional().build());
        }
        return value.build();
    }

    private Struct record(JsonNode json) {
        Struct record = new Struct(recordSchema);
        for (String field : List.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "recordFormat",
                "tableName", "eventSourceARN")) {
            if (json.hasNonNull(field)) {
                record.put(field, json.get(field).asText());
            }
        }
        if (json.hasNonNull("userIdentity")) {
            JsonNode identity = json.get("userIdentity");
            record.put("userIdentity", new Struct(USER_IDENTITY)
                    .put("type", identity.path("type").asText(null))
                    .put("principalId", identity.path("principalId").asText(null)));
        }
        if (json.hasNonNull("dynamodb")) {
            record.put("dynamodb", dynamodb(json.get("dynamodb")));
        }
        record.validate();
        return record;
    }

    private Struct dynamodb(JsonNode json) {
        Struct dynamodb = new Struct(recordSchema.field("dynamodb").schema());
        if (json.hasNonNull("ApproximateCreationDateTime")) {
            BigDecimal time = json.get("ApproximateCreationDateTime").decimalValue();
            dynamodb.put("ApproximateCreationDateTime", recordSchema == RECORD
                    ? time.doubleValue()
                    : Date.from(Instant.ofEpochMilli(time.movePointRight(3).longValueExact())));
        }
        for (String image : List.of("Keys", "NewImage", "OldImage")) {
            if (json.hasNonNull(image)) {
                dynamodb.put(image, image(json.get(image), DEPTH));
            }
        }
        for (String field : List.of("ApproximateCreationDateTimePrecision", "SequenceNumber", "StreamViewType")) {
            if (json.hasNonNull(field)) {
                dynamodb.put(field, json.get(field).asText());
            }
        }
        if (json.hasNonNull("SizeBytes")) {
            dynamodb.put("SizeBytes", json.get("SizeBytes").longValue());
        }
        return dynamodb;
    }

    private Map<String, Struct> image(JsonNode json, int depth) {
        Map<String, Struct> image = new LinkedHashMap<>();
        json.fields().forEachRemaining(entry -> image.put(entry.getKey(), attributeValue(entry.getValue(), depth)));
        return image;
    }

    private Struct attributeValue(JsonNode json, int depth) {
        Struct value = new Struct(ATTRIBUTE_VALUES[depth]);
        Map.Entry<String, JsonNode> only = json.fields().next();
        JsonNode content = only.getValue();
        switch (only.getKey()) {
            case "S", "N" -> value.put(only.getKey(), content.asText());
            case "B" -> value.put("B", binary(content.asText()));
            case "BOOL", "NULL" -> value.put(only.getKey(), content.booleanValue());
            case "SS", "NS" -> value.put(only.getKey(), texts(content));
            case "BS" -> {
                List<Object> members = new ArrayList<>();
                content.forEach(member -> members.add(binary(member.asText())));
                value.put("BS", members);
            }
            case "M" -> value.put("M", image(content, depth - 1));
            case "L" -> {
                List<Struct> members = new ArrayList<>();
                content.forEach(member -> members.add(attributeValue(member, depth - 1)));
                value.put("L", members);
            }
            default -> throw new IllegalArgumentException("no Struct form for attribute type " + only.getKey());
        }
        return value;
    }

    private Object binary(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        return binaryAsByteBuffer ? ByteBuffer.wrap(bytes) : bytes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(member -> texts.add(member.asText()));
        return texts;
    }
}
