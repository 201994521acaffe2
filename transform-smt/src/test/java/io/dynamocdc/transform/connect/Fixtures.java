package io.dynamocdc.transform.connect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.transform.JsonTransform;
import io.dynamocdc.transform.TransformOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Shared test fixtures: the sample stream records (loaded from {@code src/test/resources}), Kafka
 * records around them, configured transforms with a fixed clock, the JSON face for comparison, and a
 * real {@link JsonConverter} in its schemaless mode to decode inputs and encode outputs.
 */
final class Fixtures {

    static final String TOPIC = "dynamodb.OrdersRawTable";
    static final int PARTITION = 3;
    static final long RECORD_TIMESTAMP = 1_761_955_300_000L;
    static final Instant NOW = Instant.parse("2025-11-01T00:10:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Reads JSON numbers with a fraction as BigDecimal, so tree comparisons see every digit. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The records of {@code connect/orders-stream.jsonl} (a copy of {@code samples/orders-stream.jsonl}), by line. */
    enum Sample {
        INSERT(0, "c81e728d9d4c2f636f067f89cc14862c"),
        INSERT_BIG_NUMBER(1, "eccbc87e4b5ce2fe28308fd9f2a7baf3"),
        MODIFY(2, "a87ff679a2f3e71d9181a67b7542122c"),
        REMOVE_BIG_NUMBER(3, "e4da3b7fbbce2345d7772b0674a318d5"),
        REMOVE_TTL(4, "1679091c5a880faf6fb5e6087eb1b2dc");

        final int line;
        final String eventId;

        Sample(int line, String eventId) {
            this.line = line;
            this.eventId = eventId;
        }

        byte[] bytes() {
            return ORDERS_STREAM.get(line).clone();
        }

        /** True for the records whose price has more digits than a double holds (38 significant digits). */
        boolean hasBigNumber() {
            return this == INSERT_BIG_NUMBER || this == REMOVE_BIG_NUMBER;
        }
    }

    static final String BIG_PRICE = "12345678901234567890.123456789012345678";
    static final String SEED_MODIFY_EVENT_ID = "7de3041dd709b024af6f29e4fa13d34c";

    private static final List<byte[]> ORDERS_STREAM = lines("connect/orders-stream.jsonl");

    private Fixtures() {
    }

    /** The seed project's MODIFY record (NewImage and OldImage of one order). */
    static byte[] seedModify() {
        return resource("records/seed-modify.json");
    }

    /** An INSERT holding all ten attribute types, its key (orderid, line) listed after other attributes in NewImage. */
    static byte[] allTypesInsert() {
        return resource("connect/all-types-insert.json");
    }

    /** An INSERT with an ISO-8601 time (ordered_at), an epoch-seconds time (shipped_at) and a fractional creation time. */
    static byte[] timestampedInsert() {
        return resource("connect/timestamped-insert.json");
    }

    /** A Kinesis-Data-Streams-for-DynamoDB MODIFY: tableName, recordFormat, time in milliseconds, no SequenceNumber. */
    static byte[] kinesisModify() {
        return resource("connect/kinesis-modify.json");
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + path + " is missing");
            }
            return stripTrailingNewline(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> lines(String path) {
        List<byte[]> lines = new ArrayList<>();
        for (String line : new String(resource(path), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return List.copyOf(lines);
    }

    private static byte[] stripTrailingNewline(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    // ---- Kafka records and transforms ----

    /** A source record on {@link #TOPIC} carrying {@code value} schemaless, with a header to show headers survive. */
    static SourceRecord record(Object value) {
        return record(null, value);
    }

    static SourceRecord record(Schema valueSchema, Object value) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("origin", "test");
        return new SourceRecord(Map.of("shard", "shardId-0001"), Map.of("sequence", "1"), TOPIC, PARTITION,
                null, null, valueSchema, value, RECORD_TIMESTAMP, headers);
    }

    /** The schemaless row a transform produced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> row(SourceRecord record) {
        return (Map<String, Object>) record.value();
    }

    /** A CdcTransform with the fixed clock, configured from alternating keys and values. */
    static CdcTransform<SourceRecord> transform(String... config) {
        CdcTransform<SourceRecord> transform = new CdcTransform<>(CLOCK);
        transform.configure(config(config));
        return transform;
    }

    static Map<String, String> config(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    /** What the JSON face (Lambda, CLI) writes for the record under the same options and clock; null when dropped. */
    static String jsonFace(byte[] record, String... config) {
        byte[] json = JsonTransform.create(TransformOptions.parse(config(config)), CLOCK).apply(record);
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    // ---- JsonConverter, schemaless, as a Connect worker would run it ----

    /** The record bytes as JsonConverter (schemas.enable=false) hands them to a transform: a Map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> decodeSchemaless(byte[] record) {
        SchemaAndValue decoded = converter().toConnectData(TOPIC, record);
        if (decoded.schema() != null) {
            throw new IllegalStateException("schemaless JsonConverter returned a schema: " + decoded.schema());
        }
        return (Map<String, Object>) decoded.value();
    }

    /** A transform's output as JsonConverter (schemas.enable=false, decimals as JSON numbers) writes it. */
    static String encodeSchemaless(Schema schema, Object value) {
        byte[] json = converter().fromConnectData(TOPIC, schema, value);
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC"), false);
        return converter;
    }

    // ---- Jackson, to read outputs and to spoil records ----

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record's {@code dynamodb} object, to edit. */
    static ObjectNode dynamodb(ObjectNode record) {
        return (ObjectNode) record.get("dynamodb");
    }

    /** One of the record's images ({@code Keys}, {@code NewImage}, {@code OldImage}), to edit. */
    static ObjectNode image(ObjectNode record, String image) {
        return (ObjectNode) record.get("dynamodb").get(image);
    }

    /** A copy of the record with {@code edit} applied to its JSON tree. */
    static byte[] edited(byte[] record, Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(record);
            edit.accept(tree);
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
