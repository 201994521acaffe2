package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.testkit.DynamoDbEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Offsets found by their partition's bytes: the task writes {@code {stream_arn, shard_id}} and still finds
 * what earlier builds stored as {@code {shard_id, stream_arn}}; the REST API's changes remove the latter.
 */
class StoredOffsetOrderTest {

    private DynamoDbEmulator emulator;
    private DynamoDbClient db;
    private String arn;
    /** The ten changes of the table, as a first task run delivered them. */
    private List<SourceRecord> changes;

    @BeforeEach
    void start() throws InterruptedException {
        emulator = DynamoDbEmulator.start();
        db = TestClients.dynamoDb(emulator.endpoint());
        arn = EmulatorTaskRuns.createOrders(db);
        EmulatorTaskRuns.putOrders(db, 10, 1);
        changes = run(new InMemoryOffsets(), 10);
        assertThat(changes).hasSize(10);
    }

    @AfterEach
    void stop() {
        db.close();
        emulator.close();
    }

    @Test
    void aTaskResumesFromAnOffsetStoredInEitherOrder() throws InterruptedException {
        InMemoryOffsets current = new InMemoryOffsets();
        current.put(changes.get(3).sourcePartition(), offsetOf(changes.get(3)));
        assertThat(ids(run(current, 6))).containsExactly("o-5", "o-6", "o-7", "o-8", "o-9", "o-10");

        InMemoryOffsets legacy = new InMemoryOffsets();
        legacy.put(legacyOrder(changes.get(3)), offsetOf(changes.get(3)));
        assertThat(ids(run(legacy, 6))).containsExactly("o-5", "o-6", "o-7", "o-8", "o-9", "o-10");
        // once resumed, the offsets go under the current order's bytes
        assertThat(legacy.storedKeys()).contains("[\"" + InMemoryOffsets.CONNECTOR + "\",{\"stream_arn\":\"" + arn + "\",\"shard_id\":\""
                + changes.get(0).sourcePartition().get("shard_id") + "\"}]");
    }

    @Test
    void whenBothOrdersHoldAnOffsetTheOneFurtherAlongWins() throws InterruptedException {
        InMemoryOffsets legacyAhead = new InMemoryOffsets();
        legacyAhead.put(changes.get(2).sourcePartition(), offsetOf(changes.get(2)));
        legacyAhead.put(legacyOrder(changes.get(6)), offsetOf(changes.get(6)));
        assertThat(ids(run(legacyAhead, 3))).containsExactly("o-8", "o-9", "o-10");

        InMemoryOffsets currentAhead = new InMemoryOffsets();
        currentAhead.put(changes.get(6).sourcePartition(), offsetOf(changes.get(6)));
        currentAhead.put(legacyOrder(changes.get(2)), offsetOf(changes.get(2)));
        assertThat(ids(run(currentAhead, 3))).containsExactly("o-8", "o-9", "o-10");
    }

    @Test
    void changingAShardsOffsetThroughTheRestApiAlsoRemovesItsOffsetInTheOtherOrder() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        // as Kafka hands it over: a mutable map whose keys it read back into HashMaps
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(new HashMap<>(changes.get(0).sourcePartition()), Map.of("sequence_number", "1"));
        assertThat(new DynamoDbStreamsSourceConnector().alterOffsets(Map.of(), offsets)).isTrue();
        // a partition given in the other order is as good (the worker writes it in its own order anyway)
        Map<Map<String, ?>, Map<String, ?>> reversed = new HashMap<>();
        reversed.put(legacyOrder(changes.get(0)), Map.of("sequence_number", "1"));
        assertThat(new DynamoDbStreamsSourceConnector().alterOffsets(Map.of(), reversed)).isTrue();
        assertThat(reversed).hasSize(2);

        Map<String, Map<String, ?>> written = new HashMap<>();
        offsets.forEach((partition, offset) -> written.put(new String(converter.fromConnectData("offsets", null,
                Arrays.asList("c", partition)), StandardCharsets.UTF_8), offset));
        String shard = (String) changes.get(0).sourcePartition().get("shard_id");
        assertThat(written).containsOnlyKeys(
                "[\"c\",{\"stream_arn\":\"" + arn + "\",\"shard_id\":\"" + shard + "\"}]",
                "[\"c\",{\"shard_id\":\"" + shard + "\",\"stream_arn\":\"" + arn + "\"}]");
        assertThat(written.get("[\"c\",{\"shard_id\":\"" + shard + "\",\"stream_arn\":\"" + arn + "\"}]")).as("a tombstone").isNull();
    }

    /** A task's run from these offsets, until it delivered the changes it should (the last of the ten included). */
    private List<SourceRecord> run(InMemoryOffsets offsets, int expected) throws InterruptedException {
        DynamoDbStreamsSourceTask task = EmulatorTaskRuns.start(offsets, EmulatorTaskRuns.taskConfig(emulator));
        try {
            return EmulatorTaskRuns.poll(task, offsets, expected);
        } finally {
            task.stop();
        }
    }

    private static Map<String, Object> legacyOrder(SourceRecord record) {
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("shard_id", record.sourcePartition().get("shard_id"));
        legacy.put("stream_arn", record.sourcePartition().get("stream_arn"));
        return legacy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> offsetOf(SourceRecord record) {
        return (Map<String, Object>) record.sourceOffset();
    }

    private static List<String> ids(List<SourceRecord> records) {
        return records.stream().map(EmulatorTaskRuns::orderId).toList();
    }
}
