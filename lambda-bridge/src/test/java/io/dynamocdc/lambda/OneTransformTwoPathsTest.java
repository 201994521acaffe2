package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.transform.connect.CdcTransform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One transform, two paths: the same stream records through the Kafka Connect SMT (row output, written
 * by Kafka's JsonConverter as a JSON sink would) and through the Lambda give byte-identical rows.
 */
class OneTransformTwoPathsTest {

    private static final String TOPIC = "dynamodb.OrdersRawTable";

    /** Beyond the seed orders: every attribute type, unicode, escapes, a 38-digit number, nesting. */
    private static final String ALL_TYPES = "{\"eventID\":\"all-types-1\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
            + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{\"ApproximateCreationDateTime\":1700000000.5,"
            + "\"Keys\":{\"pk\":{\"S\":\"user#1\"},\"sk\":{\"N\":\"42\"}},\"NewImage\":{\"name\":{\"S\":\"Zoë \\\"Z\\\" \\ud83d\\ude80\"},"
            + "\"pk\":{\"S\":\"user#1\"},\"sk\":{\"N\":\"42\"},\"balance\":{\"N\":\"-12345678901234567890.123456789012345678\"},"
            + "\"photo\":{\"B\":\"aGVsbG8=\"},\"active\":{\"BOOL\":true},\"nothing\":{\"NULL\":true},"
            + "\"address\":{\"M\":{\"city\":{\"S\":\"Pune\"},\"zip\":{\"N\":\"411001\"},\"geo\":{\"L\":[{\"N\":\"18.52\"},{\"N\":\"73.85\"}]}}},"
            + "\"tags\":{\"SS\":[\"new\",\"vip\"]},\"scores\":{\"NS\":[\"1\",\"2.5\"]},\"blobs\":{\"BS\":[\"AQID\",\"BAUG\"]}},"
            + "\"SequenceNumber\":\"900\",\"SizeBytes\":200,\"StreamViewType\":\"NEW_IMAGE\"},"
            + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/Users/stream/2023-11-14T00:00:00.000\"}";

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("typed columns", Map.of("row.fields", "orderid:string,product_name:string,quantity:int,price:decimal(38,18)",
                        "metadata.fields", "cdc_event_type,creation_datetime,cdc_sequence_number")),
                Arguments.of("every metadata column", Map.of("metadata.fields",
                        "cdc_sequence_number,cdc_event_id,cdc_table,cdc_region,cdc_ttl_delete,cdc_old_image,cdc_event_type,creation_datetime")),
                Arguments.of("deletes dropped", Map.of("delete.handling", "drop")));
    }

    private static List<byte[]> records(String name) {
        List<byte[]> records = new ArrayList<>(Events.payloads(Events.ORDERS));
        if (!name.equals("typed columns")) {
            records.add(ALL_TYPES.getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void theSmtAndTheLambdaWriteTheSameRowBytes(String name, Map<String, String> options) {
        List<byte[]> records = records(name);
        List<String> viaLambda = lambdaRows(records, options);
        List<String> viaConnect = connectRows(records, options);

        assertThat(viaLambda).hasSize(records.size());
        assertThat(viaLambda).isEqualTo(viaConnect);
        assertThat(viaLambda).filteredOn(row -> row != null).isNotEmpty().allSatisfy(row -> assertThat(row).endsWith("}\n"));
    }

    /** Rows the Lambda answers Ok, decoded; {@code null} for Dropped. */
    private static List<String> lambdaRows(List<byte[]> records, Map<String, String> options) {
        Map<String, String> environment = new HashMap<>();
        options.forEach((option, value) -> environment.put(io.dynamocdc.transform.TransformOptions.environmentName(option), value));
        FirehoseResponse response = new FirehoseBatchProcessor(BridgeConfig.fromEnvironment(environment))
                .process(Events.of(records), BridgeLog.discarding()).response();
        List<String> rows = new ArrayList<>();
        for (TransformedRecord record : response.records()) {
            assertThat(record.result()).isNotEqualTo(TransformationResult.PROCESSING_FAILED);
            rows.add(record.row() == null ? null : new String(record.row(), StandardCharsets.UTF_8));
        }
        // What Firehose stores is the base64 data decoded: check that path too for the first row.
        byte[] answer = Events.write(response);
        String firstData = Events.tree(new String(answer, StandardCharsets.UTF_8)).get("records").get(0).get("data").asText();
        assertThat(new String(Base64.getDecoder().decode(firstData), StandardCharsets.UTF_8)).isEqualTo(rows.get(0));
        return rows;
    }

    /** Rows a Connect pipeline writes: the SMT on the raw record, then JsonConverter (schemaless) and a newline. */
    private static List<String> connectRows(List<byte[]> records, Map<String, String> options) {
        List<String> rows = new ArrayList<>();
        try (CdcTransform<SourceRecord> smt = new CdcTransform<>()) {
            smt.configure(new LinkedHashMap<>(options));
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC"), false);
            for (byte[] record : records) {
                SourceRecord in = new SourceRecord(Map.of(), Map.of(), TOPIC, 0, null, null, Schema.OPTIONAL_BYTES_SCHEMA, record);
                SourceRecord out = smt.apply(in);
                byte[] value = out == null || out.value() == null ? null : converter.fromConnectData(TOPIC, out.valueSchema(), out.value());
                rows.add(value == null ? null : new String(value, StandardCharsets.UTF_8) + "\n");
            }
        }
        return rows;
    }
}
