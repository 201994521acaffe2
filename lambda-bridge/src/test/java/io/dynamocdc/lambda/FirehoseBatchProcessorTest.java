package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import io.dynamocdc.transform.JsonTransform;
import io.dynamocdc.transform.TransformOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirehoseBatchProcessorTest {

    private final List<String> log = new ArrayList<>();

    private static BridgeConfig config(String... variables) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            environment.put(variables[i], variables[i + 1]);
        }
        return BridgeConfig.fromEnvironment(environment);
    }

    private FirehoseResponse process(BridgeConfig config, FirehoseEvent event) {
        return new FirehoseBatchProcessor(config).process(event, new BridgeLog(log::add)).response();
    }

    private static String row(TransformedRecord record) {
        return new String(record.row(), StandardCharsets.UTF_8);
    }

    @Test
    void everyChangeBecomesAnOkRowEndingWithANewline() {
        FirehoseEvent event = Events.read(Events.ORDERS);

        FirehoseResponse response = process(config(), event);

        assertThat(response.records()).hasSize(5).allSatisfy(record -> {
            assertThat(record.result()).isEqualTo(TransformationResult.OK);
            assertThat(row(record)).endsWith("}\n").containsOnlyOnce("\n");
        });
        assertThat(response.records()).extracting(TransformedRecord::recordId)
                .containsExactlyElementsOf(event.records().stream().map(FirehoseRecord::recordId).toList());
        assertThat(row(response.records().get(0))).isEqualTo("{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":2,"
                + "\"price\":249.99,\"cdc_event_type\":\"INSERT\",\"creation_datetime\":\"2025-11-01T00:00:00Z\"}\n");
        // The 38-digit price arrives whole (as text: no double holds it, see DynamoNumbers.plainValue).
        assertThat(row(response.records().get(1))).contains("\"price\":\"12345678901234567890.123456789012345678\"");
        assertThat(log).isEmpty();
    }

    @Test
    void rowsAreTheCoreTransformsOutput() {
        JsonTransform core = JsonTransform.create(TransformOptions.defaults());
        List<byte[]> payloads = Events.payloads(Events.ORDERS);

        FirehoseResponse response = process(config(), Events.of(payloads));

        for (int i = 0; i < payloads.size(); i++) {
            String expected = new String(core.apply(payloads.get(i)), StandardCharsets.UTF_8) + "\n";
            assertThat(row(response.records().get(i))).as("record %d", i).isEqualTo(expected);
        }
    }

    @Test
    void partitionKeysDefaultToTheChangesUtcDateAndHour() {
        FirehoseResponse response = process(config(), Events.read(Events.ORDERS));

        // ApproximateCreationDateTime 1761955200 = 2025-11-01T00:00:00Z, whatever the JVM's time zone.
        assertThat(response.records().get(0).partitionKeys()).containsExactly(Map.entry("dt", "2025-11-01"), Map.entry("hour", "00"));
    }

    @Test
    void partitionKeysAreConfigurable() {
        FirehoseResponse response = process(config("CDC_PARTITION_KEYS", "table, event_type,dt,hour,year,month,day,region"),
                Events.read(Events.ORDERS));

        assertThat(response.records().get(3).partitionKeys()).containsExactly(
                Map.entry("table", "OrdersRawTable"), Map.entry("event_type", "REMOVE"), Map.entry("dt", "2025-11-01"),
                Map.entry("hour", "01"), Map.entry("year", "2025"), Map.entry("month", "11"), Map.entry("day", "01"),
                Map.entry("region", "ap-south-1"));
    }

    @Test
    void noPartitionKeysLeavesMetadataOut() {
        FirehoseResponse response = process(config("CDC_PARTITION_KEYS", ""), Events.read(Events.ORDERS));

        assertThat(response.records()).allSatisfy(record -> assertThat(record.partitionKeys()).isEmpty());
        assertThat(new String(Events.write(response), StandardCharsets.UTF_8)).doesNotContain("metadata");
    }

    @Test
    void aRecordWithoutAValueForAPartitionKeyFailsAlone() {
        byte[] noTable = ("{\"eventID\":\"e-9\",\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1761955200,"
                + "\"Keys\":{\"orderid\":{\"S\":\"9\"}},\"NewImage\":{\"orderid\":{\"S\":\"9\"}}}}").getBytes(StandardCharsets.UTF_8);
        List<byte[]> payloads = new ArrayList<>(Events.payloads(Events.ORDERS));
        payloads.add(1, noTable);

        FirehoseResponse response = process(config("CDC_PARTITION_KEYS", "table,dt"), Events.of(payloads));

        assertThat(response.records()).extracting(TransformedRecord::result).containsExactly(TransformationResult.OK,
                TransformationResult.PROCESSING_FAILED, TransformationResult.OK, TransformationResult.OK, TransformationResult.OK,
                TransformationResult.OK);
        assertThat(log).singleElement().asString().contains("\"recordId\":\"r1\"").contains("partition key (table)");
    }

    @Test
    void badRecordsFailAloneWithTheirOriginalData() {
        FirehoseEvent event = Events.read(Events.BAD_RECORDS);

        FirehoseResponse response = process(config(), event);

        assertThat(response.records()).extracting(TransformedRecord::result).containsExactly(
                TransformationResult.OK, // a good INSERT
                TransformationResult.PROCESSING_FAILED, // data is not base64
                TransformationResult.PROCESSING_FAILED, // not JSON
                TransformationResult.PROCESSING_FAILED, // unknown eventName
                TransformationResult.PROCESSING_FAILED, // N that is no number
                TransformationResult.OK, // a good REMOVE
                TransformationResult.PROCESSING_FAILED); // no data at all
        for (int i : new int[] {1, 2, 3, 4}) {
            assertThat(response.records().get(i).originalData()).as("record %d", i).isEqualTo(event.records().get(i).data());
        }
        assertThat(response.records().get(6).originalData()).isEmpty();
        assertThat(log).hasSize(5);
        assertThat(log.get(0)).contains("\"recordId\":\"" + event.records().get(1).recordId() + "\"", "not base64");
        assertThat(log.get(3)).contains("eventID e-4", "dynamodb.NewImage.price.N", "not a number");
    }

    @Test
    void logLinesNeverCarryRecordContents() {
        byte[] mapKeyIsData = ("{\"eventID\":\"e-7\",\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1761955200,"
                + "\"Keys\":{\"orderid\":{\"S\":\"7\"}},\"NewImage\":{\"orderid\":{\"S\":\"7\"},"
                + "\"contacts\":{\"M\":{\"alice@example.com\":{\"N\":\"SECRET-PRICE-TEXT\"}}}}}}").getBytes(StandardCharsets.UTF_8);
        process(config(), Events.of(List.of(mapKeyIsData)));
        assertThat(log).singleElement().asString().contains("at dynamodb.NewImage.contacts.M.*.N: the string is not a number");
        process(config(), Events.read(Events.BAD_RECORDS));
        process(config("CDC_ROW_FIELDS", "orderid:string,quantity:int,price:decimal(4,2)"), Events.read(Events.ORDERS));

        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("SECRET-PRICE-TEXT", "this is not json", "Laptop", "249.99", "12345678901234567890", "alice"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("does not fit decimal(4,2)"));
    }

    @Test
    void deleteHandlingDropAnswersDroppedForRemoves() {
        FirehoseEvent event = Events.read(Events.ORDERS);

        FirehoseResponse response = process(config("CDC_DELETE_HANDLING", "drop"), event);

        assertThat(response.records()).extracting(TransformedRecord::result).containsExactly(TransformationResult.OK,
                TransformationResult.OK, TransformationResult.OK, TransformationResult.DROPPED, TransformationResult.DROPPED);
        assertThat(response.records().get(3).originalData()).isEqualTo(event.records().get(3).data());
        assertThat(response.records().get(3).partitionKeys()).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void tombstoneHandlingIsDropOutsideKafka() {
        FirehoseResponse response = process(config("CDC_DELETE_HANDLING", "tombstone"), Events.read(Events.ORDERS));

        assertThat(response.count(TransformationResult.DROPPED)).isEqualTo(2);
    }

    @Test
    void envelopeOutputIsOneLinePerChange() {
        FirehoseResponse response = process(config("CDC_OUTPUT_FORMAT", "envelope"), Events.read(Events.ORDERS));

        assertThat(response.records()).allSatisfy(record -> assertThat(row(record)).endsWith("}\n").containsOnlyOnce("\n"));
        assertThat(Events.tree(row(response.records().get(3))).get("op").asText()).isEqualTo("d");
    }

    @Test
    void anUnexpectedFailureInOneRecordIsReportedForThatRecordOnly() {
        JsonTransform core = JsonTransform.create(TransformOptions.defaults());
        FirehoseBatchProcessor processor = new FirehoseBatchProcessor(config(), payload -> {
            if (new String(payload, StandardCharsets.UTF_8).contains("a87ff679a2f3e71d9181a67b7542122c")) {
                throw new NullPointerException("a bug");
            }
            return core.transformLine(payload);
        });

        FirehoseResponse response = processor.process(Events.read(Events.ORDERS), new BridgeLog(log::add)).response();

        assertThat(response.records()).extracting(TransformedRecord::result).containsExactly(TransformationResult.OK,
                TransformationResult.OK, TransformationResult.PROCESSING_FAILED, TransformationResult.OK, TransformationResult.OK);
        assertThat(log).singleElement().asString().contains("unexpected java.lang.NullPointerException");
    }
}
