package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamocdc.testkit.DynamoDbEmulator;
import io.dynamocdc.testkit.StreamSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The connector in Kafka's own in-JVM cluster (brokers and Connect workers, EmbeddedConnectCluster)
 * against the testkit emulator, through the same SDK calls it makes to AWS.
 */
class ConnectClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TABLES = List.of("orders", "customers", "payments");

    static DynamoDbEmulator emulator;
    static EmbeddedConnectCluster connect;
    static DynamoDbClient db;

    @BeforeAll
    static void start() {
        startCluster();
    }

    /** Starts the emulator and a two-worker cluster into the static fields (each IT class has its own). */
    static void startCluster() {
        startCluster(Map.of(), new java.util.Properties());
    }

    /** As {@link #startCluster()}, with these worker and broker settings added. */
    static void startCluster(Map<String, String> workerProps, java.util.Properties brokerProps) {
        emulator = DynamoDbEmulator.start();
        db = TestClients.dynamoDb(emulator.endpoint());
        connect = cluster("dynamo-cdc-it", 2, workerProps, brokerProps);
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    static void stopCluster() {
        connect.stop();
        db.close();
        emulator.close();
    }

    static Map<String, String> connectorProps(String prefix, int tasks) {
        Map<String, String> props = jsonConnector(emulator.endpoint().toString(), prefix, tasks);
        props.put("table.include.list", String.join(",", TABLES.stream().map(t -> prefix + "-" + t).toList()));
        props.put("poll.interval.ms", "50");
        props.put("shard.discovery.interval.ms", "1000");
        return props;
    }

    /** A connector writing schemaless JSON (as a Pipe gives Firehose) into single-replica topics. */
    static Map<String, String> jsonConnector(String endpoint, String prefix, int tasks) {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", DynamoDbStreamsSourceConnector.class.getName());
        props.put("tasks.max", Integer.toString(tasks));
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "3");
        props.put("topic.prefix", prefix);
        props.put("aws.region", "eu-west-1");
        props.put("aws.endpoint.url", endpoint);
        props.put("aws.access.key.id", "AKIDEXAMPLE");
        props.put("aws.secret.access.key", "secret");
        return props;
    }

    /** Kafka's in-JVM cluster: one broker, these many Connect workers, plugins found by ServiceLoader. */
    static EmbeddedConnectCluster cluster(String name, int workers) {
        return cluster(name, workers, Map.of(), new java.util.Properties());
    }

    static EmbeddedConnectCluster cluster(String name, int workers, Map<String, String> workerProps,
                                          java.util.Properties brokerProps) {
        Map<String, String> worker = new HashMap<>(Map.of("plugin.discovery", "service_load", "offset.flush.interval.ms", "1000"));
        worker.putAll(workerProps);
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder().name(name).numWorkers(workers).numBrokers(1)
                .workerProps(worker).brokerProps(brokerProps).build();
        cluster.start();
        return cluster;
    }

    static void createTables(String prefix) {
        for (String table : TABLES) {
            db.createTable(b -> b.tableName(prefix + "-" + table).billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        }
    }

    /** Writes {@code versions} versions of {@code keys} keys to every table, 25 items a call. */
    static int write(String prefix, int keys, int fromVersion, int toVersion) {
        int written = 0;
        for (int version = fromVersion; version <= toVersion; version++) {
            for (String table : TABLES) {
                for (int from = 0; from < keys; from += 25) {
                    List<WriteRequest> batch = new ArrayList<>();
                    for (int key = from; key < Math.min(keys, from + 25); key++) {
                        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("k" + key),
                                "version", AttributeValue.fromN(Integer.toString(version)));
                        batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                    }
                    db.batchWriteItem(b -> b.requestItems(Map.of(prefix + "-" + table, batch)));
                    written += batch.size();
                }
            }
        }
        return written;
    }

    /** Per topic and key, the versions in the order they arrived. */
    static Map<String, List<Integer>> versionsByKey(ConsumerRecords<byte[], byte[]> records) throws Exception {
        Map<String, List<Integer>> versions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode key = JSON.readTree(record.key());
            JsonNode value = JSON.readTree(record.value());
            int version = value.path("dynamodb").path("NewImage").path("version").path("N").asInt();
            versions.computeIfAbsent(record.topic() + "/" + key.path("id").path("S").asText(), k -> new ArrayList<>()).add(version);
        }
        return versions;
    }

    @Test
    void aHundredThousandChangesOverThreeTablesArriveInKeyOrderWhileShardsSplit() throws Exception {
        String prefix = "bulk";
        emulator.control().streamSettings(StreamSettings.DEFAULT.withInitialShards(2).withRollEveryRecords(2_000, true));
        createTables(prefix);
        connect.configureConnector("dynamo-cdc-bulk", connectorProps(prefix, 3));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("dynamo-cdc-bulk", 1, "the connector did not start");

        int keys = 1_000;
        int versions = 34;
        int written = write(prefix, keys, 1, versions);
        assertThat(written).isEqualTo(102_000);

        String[] topics = TABLES.stream().map(t -> prefix + "." + prefix + "-" + t).toArray(String[]::new);
        ConsumerRecords<byte[], byte[]> records = connect.kafka().consume(written, 240_000, topics);
        Map<String, List<Integer>> byKey = versionsByKey(records);
        assertThat(byKey).hasSize(3 * keys);
        byKey.forEach((key, seen) -> assertThat(seen).as(key).isSorted().doesNotHaveDuplicates().hasSize(versions));
        assertThat(records.count()).isEqualTo(written);
        connect.deleteConnector("dynamo-cdc-bulk");
        emulator.control().streamSettings(StreamSettings.DEFAULT);
    }

    /** Reads the topics until every (key, version) expected has been seen; returns every record read. */
    static Map<String, List<Integer>> consumeUntilComplete(String[] topics, int keys, int versions, long timeoutMillis)
            throws Exception {
        return consumeUntilComplete(topics, keys, versions, timeoutMillis, "read_uncommitted");
    }

    /**
     * As above, reading with this isolation level. Counts distinct changes: a consumer group that rebalances
     * as the topics appear may hand it some records twice, which says nothing of the topics.
     */
    static Map<String, List<Integer>> consumeUntilComplete(String[] topics, int keys, int versions, long timeoutMillis,
                                                           String isolation) throws Exception {
        Map<String, List<Integer>> versionsByKey = new HashMap<>();
        java.util.Set<String> unique = new java.util.HashSet<>();
        int expected = TABLES.size() * keys * versions;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (var consumer = connect.kafka().createConsumerAndSubscribeTo(Map.of("auto.offset.reset", "earliest",
                "group.id", "it-" + java.util.UUID.randomUUID(), "isolation.level", isolation), topics)) {
            while (unique.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(500))) {
                    JsonNode key = JSON.readTree(record.key());
                    int version = JSON.readTree(record.value()).path("dynamodb").path("NewImage").path("version").path("N").asInt();
                    String id = record.topic() + "/" + key.path("id").path("S").asText();
                    versionsByKey.computeIfAbsent(id, k -> new ArrayList<>()).add(version);
                    unique.add(id + "#" + version);
                }
            }
        }
        assertThat(unique).as("distinct changes delivered").hasSize(expected);
        return versionsByKey;
    }

    static String[] topics(String prefix) {
        return TABLES.stream().map(t -> prefix + "." + prefix + "-" + t).toArray(String[]::new);
    }

    /** Each key's versions, first deliveries only, must be 1..versions in order; returns the duplicates. */
    private static int assertKeyOrderCountingDuplicates(Map<String, List<Integer>> byKey, int versions) {
        int duplicates = 0;
        for (Map.Entry<String, List<Integer>> entry : byKey.entrySet()) {
            List<Integer> firstSeen = new ArrayList<>();
            for (int version : entry.getValue()) {
                if (firstSeen.contains(version)) {
                    duplicates++;
                } else {
                    firstSeen.add(version);
                }
            }
            assertThat(firstSeen).as(entry.getKey()).isSorted().hasSize(versions);
        }
        return duplicates;
    }

    @Test
    void aWorkerRestartedMidStreamLosesNothing() throws Exception {
        String prefix = "restart";
        emulator.control().streamSettings(StreamSettings.DEFAULT.withInitialShards(2));
        createTables(prefix);
        connect.configureConnector("dynamo-cdc-restart", connectorProps(prefix, 2));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("dynamo-cdc-restart", 1, "the connector did not start");
        int keys = 200;
        write(prefix, keys, 1, 10);
        // One worker goes away mid-stream (its tasks move), and a new one joins.
        var leaving = connect.workers().iterator().next();
        connect.removeWorker(leaving);
        write(prefix, keys, 11, 15);
        connect.addWorker();
        write(prefix, keys, 16, 20);
        Map<String, List<Integer>> byKey = consumeUntilComplete(topics(prefix), keys, 20, 180_000);
        int duplicates = assertKeyOrderCountingDuplicates(byKey, 20);
        // Redelivery is bounded by what was read after the last offset commit (flushed every second).
        assertThat(duplicates).as("duplicates after the restart").isLessThanOrEqualTo(TABLES.size() * keys * 20 / 2);
        System.out.println("worker restart: " + duplicates + " duplicate(s) of " + TABLES.size() * keys * 20 + " changes");
        connect.deleteConnector("dynamo-cdc-restart");
        emulator.control().streamSettings(StreamSettings.DEFAULT);
    }

    @Test
    void iteratorExpiryThrottlingStormsAndServerErrorsLoseNothingAndFailNoTask() throws Exception {
        String prefix = "faults";
        createTables(prefix);
        emulator.control().addFault(io.dynamocdc.testkit.Fault.on("GetRecords").throttle().probability(0.3, 5).build());
        emulator.control().addFault(io.dynamocdc.testkit.Fault.on("GetRecords").serverError().everyNth(11).build());
        emulator.control().addFault(io.dynamocdc.testkit.Fault.on("GetShardIterator").serverError().everyNth(5).build());
        try {
            connect.configureConnector("dynamo-cdc-faults", connectorProps(prefix, 3));
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("dynamo-cdc-faults", 1, "the connector did not start");
            int keys = 100;
            write(prefix, keys, 1, 5);
            // Every iterator the tasks hold is now past its 15 minutes.
            emulator.control().advanceClock(java.time.Duration.ofMinutes(16));
            write(prefix, keys, 6, 10);
            Map<String, List<Integer>> byKey = consumeUntilComplete(topics(prefix), keys, 10, 180_000);
            // A rebalance (another test's connector going away) may restart a task: it resumes from the last
            // committed offset, so some changes can come twice, never more often than once more.
            int duplicates = assertKeyOrderCountingDuplicates(byKey, 10);
            assertThat(duplicates).as("duplicates").isLessThanOrEqualTo(TABLES.size() * keys * 10);
            System.out.println("faults: " + duplicates + " duplicate(s) of " + TABLES.size() * keys * 10 + " changes");
            var status = connect.connectorStatus("dynamo-cdc-faults");
            assertThat(status.connector().state()).isEqualTo("RUNNING");
            assertThat(status.tasks()).allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));
            assertThat(emulator.control().calls("GetRecords")).isGreaterThan(50);
        } finally {
            emulator.control().clearFaults();
            connect.deleteConnector("dynamo-cdc-faults");
        }
    }

    @Test
    void withTheTransformTheTopicHoldsRows() throws Exception {
        String prefix = "rows";
        createTables(prefix);
        Map<String, String> props = connectorProps(prefix, 1);
        props.put("transforms", "cdc");
        props.put("transforms.cdc.type", "io.dynamocdc.transform.connect.CdcTransform");
        props.put("transforms.cdc.metadata.fields", "cdc_event_type,creation_datetime,cdc_sequence_number");
        props.put("heartbeat.interval.ms", "200");
        connect.configureConnector("dynamo-cdc-rows", props);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("dynamo-cdc-rows", 1, "the connector did not start");
        write(prefix, 1, 1, 2);
        db.deleteItem(b -> b.tableName(prefix + "-orders").key(Map.of("id", AttributeValue.fromS("k0"))));
        List<JsonNode> rows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consume(3, 60_000, prefix + "." + prefix + "-orders")) {
            rows.add(JSON.readTree(record.value()));
        }
        assertThat(rows).extracting(row -> row.path("cdc_event_type").asText()).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(rows.get(1).path("id").asText()).isEqualTo("k0");
        assertThat(rows.get(1).path("version").asInt()).isEqualTo(2);
        assertThat(rows.get(2).path("creation_datetime").asText()).endsWith("Z");

        // heartbeats pass the transform untouched, into their own topic, and the task keeps running
        ConsumerRecord<byte[], byte[]> beat = connect.kafka().consume(1, 60_000, "__dynamo-cdc-heartbeat." + prefix).iterator().next();
        assertThat(beat.headers().lastHeader("dynamo-cdc.heartbeat")).isNotNull();
        JsonNode heartbeat = JSON.readTree(beat.value());
        assertThat(heartbeat.path("table").asText()).startsWith(prefix + "-");
        assertThat(heartbeat.path("ts_ms").asLong()).isPositive();
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("dynamo-cdc-rows", 1, "a heartbeat failed the task");
        connect.deleteConnector("dynamo-cdc-rows");
    }

    /** The trace of a failed task of this connector, or null while none has failed (or it is not reported yet). */
    static String failedTaskTrace(String connector) {
        try {
            return connect.connectorStatus(connector).tasks().stream().filter(task -> task.state().equals("FAILED"))
                    .map(task -> task.trace()).findFirst().orElse(null);
        } catch (org.apache.kafka.connect.runtime.rest.errors.ConnectRestException notYetReported) {
            return null;
        }
    }
}
