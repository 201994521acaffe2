package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamocdc.testkit.DynamoDbEmulator;
import io.dynamocdc.testkit.Fault;
import io.dynamocdc.testkit.StreamSettings;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.management.ObjectName;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The task driven directly (no Connect worker) against the testkit emulator. */
class TaskAgainstEmulatorTest {

    private DynamoDbEmulator emulator;
    private DynamoDbClient db;

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.start();
        db = TestClients.dynamoDb(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        db.close();
        emulator.close();
    }

    private String table(String name) {
        return db.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    private void put(String table, String id, int version) {
        db.putItem(b -> b.tableName(table).item(Map.of("orderid", AttributeValue.fromS(id),
                "version", AttributeValue.fromN(Integer.toString(version)))));
    }

    private Map<String, String> props(String... extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "topic.prefix", "cdc", "aws.region", "eu-west-1", "aws.endpoint.url", emulator.endpoint().toString(),
                "aws.access.key.id", "AKIDEXAMPLE", "aws.secret.access.key", "secret", "poll.interval.ms", "10"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    /** What the connector would hand its one task. */
    private Map<String, String> taskProps(Map<String, String> props) {
        return EmulatorTaskRuns.taskConfig(props);
    }

    private static List<SourceRecord> pollUntil(DynamoDbStreamsSourceTask task, InMemoryOffsets offsets, int wanted)
            throws InterruptedException {
        return pollUntil(task, offsets, all -> all.size() >= wanted);
    }

    private static List<SourceRecord> pollUntil(DynamoDbStreamsSourceTask task, InMemoryOffsets offsets,
                                                Predicate<List<SourceRecord>> done) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.test(all) && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                batch.forEach(offsets::commit);
                all.addAll(batch);
            }
        }
        return all;
    }

    private static boolean isHeartbeat(SourceRecord record) {
        return record.headers().lastWithName(Heartbeats.HEADER) != null;
    }

    private static List<SourceRecord> changes(List<SourceRecord> records) {
        return records.stream().filter(r -> !isHeartbeat(r)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object map) {
        return (Map<Object, Object>) map;
    }

    private static String key(SourceRecord record) {
        return (String) ((Map<?, ?>) ((Map<?, ?>) record.key()).get("orderid")).get("S");
    }

    private static DynamoDbStreamsSourceTask task(InMemoryOffsets offsets, Map<String, String> taskProps) {
        return EmulatorTaskRuns.start(offsets, taskProps);
    }

    @Test
    void deliversEveryChangeInKeyOrderAcrossSplitsAndResumesAfterARestart() throws Exception {
        emulator.control().streamSettings(StreamSettings.DEFAULT.withRollEveryRecords(50, true));
        String arn = table("orders");
        for (int version = 1; version <= 30; version++) {
            for (int key = 0; key < 10; key++) {
                put("orders", "k" + key, version);
            }
        }
        Map<String, String> taskProps = taskProps(props());
        InMemoryOffsets offsets = new InMemoryOffsets();
        DynamoDbStreamsSourceTask first = task(offsets, taskProps);
        List<SourceRecord> delivered = new ArrayList<>(pollUntil(first, offsets, 300));
        first.stop();
        assertThat(delivered).hasSize(300);

        for (int version = 31; version <= 40; version++) {
            for (int key = 0; key < 10; key++) {
                put("orders", "k" + key, version);
            }
        }
        DynamoDbStreamsSourceTask second = task(offsets, taskProps);
        delivered.addAll(pollUntil(second, offsets, 100));
        List<SourceRecord> none = second.poll();
        second.stop();
        assertThat(none == null || none.isEmpty()).as("no duplicates after the restart").isTrue();

        assertThat(delivered).hasSize(400);
        Map<String, Integer> lastVersion = new HashMap<>();
        BigInteger lastSequence = BigInteger.ZERO;
        for (SourceRecord record : delivered) {
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) record.value();
            @SuppressWarnings("unchecked")
            Map<String, Object> dynamodb = (Map<String, Object>) value.get("dynamodb");
            @SuppressWarnings("unchecked")
            String key = ((Map<String, String>) ((Map<String, Object>) record.key()).get("orderid")).get("S");
            @SuppressWarnings("unchecked")
            int version = Integer.parseInt(((Map<String, Map<String, String>>) dynamodb.get("NewImage")).get("version").get("N"));
            assertThat(version).as("key %s", key).isEqualTo(lastVersion.getOrDefault(key, 0) + 1);
            lastVersion.put(key, version);
            assertThat(record.topic()).isEqualTo("cdc.orders");
            assertThat(value.get("eventSourceARN")).isEqualTo(arn);
            assertThat(record.headers().lastWithName("dynamodb.table").value()).isEqualTo("orders");
            lastSequence = lastSequence.max(new BigInteger((String) dynamodb.get("SequenceNumber")));
        }
        assertThat(lastVersion).hasSize(10).allSatisfy((key, version) -> assertThat(version).isEqualTo(40));
    }

    @Test
    void throttlingAndServerErrorsLoseNothing() throws Exception {
        table("orders");
        for (int i = 0; i < 200; i++) {
            put("orders", "k" + i, 1);
        }
        emulator.control().addFault(Fault.on("GetRecords").throttle().probability(0.3, 11).build());
        emulator.control().addFault(Fault.on("GetRecords").serverError().everyNth(7).build());
        InMemoryOffsets offsets = new InMemoryOffsets();
        DynamoDbStreamsSourceTask task = task(offsets, taskProps(props("get.records.limit", "20")));
        List<SourceRecord> delivered = pollUntil(task, offsets, 200);
        // per shard over JMX: what was read, how often, how often throttled, how far behind
        var server = ManagementFactory.getPlatformMBeanServer();
        var shards = server.queryNames(new ObjectName("io.dynamocdc.connector:type=shard,connector=\"dynamo-cdc\",table=\"orders\",*"), null);
        assertThat(shards).isNotEmpty();
        long read = 0;
        long throttles = 0;
        long calls = 0;
        for (ObjectName shard : shards) {
            read += (Long) server.getAttribute(shard, "RecordsRead");
            throttles += (Long) server.getAttribute(shard, "Throttles");
            calls += (Long) server.getAttribute(shard, "GetRecordsCalls");
            assertThat((Long) server.getAttribute(shard, "MillisBehindLatest")).isGreaterThanOrEqualTo(0);
            assertThat(server.getAttribute(shard, "Table")).isEqualTo("orders");
        }
        task.stop();
        assertThat(delivered).hasSize(200);
        assertThat(read).isEqualTo(200);
        assertThat(throttles).isPositive();
        assertThat(calls).isGreaterThan(throttles);
        assertThat(emulator.control().calls("GetRecords")).isGreaterThan(10);
    }

    @Test
    void anExpiredIteratorIsRenewedAfterTheLastRecord() throws Exception {
        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        table("orders");
        put("orders", "a", 1);
        InMemoryOffsets offsets = new InMemoryOffsets();
        DynamoDbStreamsSourceTask task = task(offsets, taskProps(props()));
        assertThat(pollUntil(task, offsets, 1)).hasSize(1);
        emulator.control().advanceClock(Duration.ofMinutes(20));
        put("orders", "b", 1);
        List<SourceRecord> after = pollUntil(task, offsets, 1);
        task.stop();
        assertThat(after).extracting(TaskAgainstEmulatorTest::key).containsExactly("b");
    }

    @Test
    void aLatestStartRestartedBeforeAnyChangeResumesFromItsHeartbeat() throws Exception {
        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        table("orders");
        put("orders", "before-start", 1);
        emulator.control().advanceClock(Duration.ofMinutes(1));
        InMemoryOffsets offsets = new InMemoryOffsets();
        Map<String, String> taskProps = taskProps(props("stream.start.position", "LATEST", "heartbeat.interval.ms", "1"));
        DynamoDbStreamsSourceTask first = task(offsets, taskProps);
        List<SourceRecord> beats = pollUntil(first, offsets, all -> !all.isEmpty());
        first.stop();

        SourceRecord beat = beats.get(0);
        assertThat(isHeartbeat(beat)).isTrue();
        assertThat(beat.topic()).isEqualTo("__dynamo-cdc-heartbeat.cdc");
        // the emulator's Date header (its frozen clock) less a second: "from now on", as a time
        assertThat(beat.sourceOffset()).isEqualTo(Map.of("deliver_from", Instant.parse("2025-11-01T00:00:59Z").toEpochMilli()));
        assertThat(asMap(beat.value())).containsEntry("table", "orders").containsEntry("sequence_number", null);

        // written while no task runs: a restart at LATEST would never see it
        emulator.control().advanceClock(Duration.ofMinutes(1));
        put("orders", "while-down", 1);
        DynamoDbStreamsSourceTask second = task(offsets, taskProps);
        List<SourceRecord> resumed = changes(pollUntil(second, offsets, all -> !changes(all).isEmpty()));
        second.stop();
        assertThat(resumed).extracting(TaskAgainstEmulatorTest::key).containsExactly("while-down");
    }

    @Test
    void aHeartbeatAfterAChangeCarriesThatChangesOffset() throws Exception {
        table("orders");
        InMemoryOffsets offsets = new InMemoryOffsets();
        DynamoDbStreamsSourceTask task = task(offsets, taskProps(props("heartbeat.interval.ms", "1")));
        put("orders", "a", 1);
        List<SourceRecord> delivered = pollUntil(task, offsets, all -> all.stream().anyMatch(r -> isHeartbeat(r)
                && r.sourceOffset() != null && r.sourceOffset().containsKey("sequence_number")));
        task.stop();
        // TRIM_HORIZON with nothing read yet: the position says no more than "from the start", so no heartbeat
        assertThat(delivered.get(0)).matches(r -> !isHeartbeat(r), "the change comes first");
        SourceRecord change = delivered.get(0);
        SourceRecord beat = delivered.get(delivered.size() - 1);
        assertThat(beat.sourcePartition()).isEqualTo(change.sourcePartition());
        assertThat(beat.sourceOffset()).isEqualTo(change.sourceOffset());
        assertThat(asMap(beat.key())).containsEntry("table", "orders").containsEntry("shard_id", change.sourcePartition().get("shard_id"));
    }

    @Test
    void anAtTimestampStartKeepsSkippingOlderChangesAfterARestart() throws Exception {
        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        table("orders");
        for (String id : List.of("old-1", "old-2", "old-3")) {
            put("orders", id, 1);
        }
        emulator.control().advanceClock(Duration.ofHours(1));
        put("orders", "new-1", 1);
        InMemoryOffsets offsets = new InMemoryOffsets();
        Map<String, String> taskProps = taskProps(props("stream.start.position", "AT_TIMESTAMP",
                "stream.start.timestamp", "2025-11-01T00:30:00Z", "get.records.limit", "1", "heartbeat.interval.ms", "1"));
        DynamoDbStreamsSourceTask first = task(offsets, taskProps);
        // one record per read: stop as soon as a heartbeat records a skipped position
        List<SourceRecord> beats = pollUntil(first, offsets, all -> !all.isEmpty());
        first.stop();
        assertThat(beats).allMatch(TaskAgainstEmulatorTest::isHeartbeat);
        assertThat(asMap(beats.get(0).sourceOffset())).containsKey("sequence_number")
                .containsEntry("deliver_from", Instant.parse("2025-11-01T00:30:00Z").toEpochMilli());

        DynamoDbStreamsSourceTask second = task(offsets, taskProps);
        List<SourceRecord> resumed = changes(pollUntil(second, offsets, all -> !changes(all).isEmpty()));
        second.stop();
        assertThat(resumed).extracting(TaskAgainstEmulatorTest::key).containsExactly("new-1");
    }

    @Test
    void aRestartDoesNotReReadAParentWhoseChildAlreadyDelivered() throws Exception {
        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        String arn = table("orders");
        put("orders", "old-a", 1);
        put("orders", "old-b", 1);
        String parent = emulator.control().openShards(arn).get(0);
        emulator.control().splitShard(arn, parent);
        emulator.control().advanceClock(Duration.ofHours(1));
        put("orders", "new-c", 1);
        InMemoryOffsets offsets = new InMemoryOffsets();
        // no heartbeats: the parent's position (all skipped) is never stored, only the child's
        Map<String, String> taskProps = taskProps(props("stream.start.position", "AT_TIMESTAMP",
                "stream.start.timestamp", "2025-11-01T00:30:00Z"));
        DynamoDbStreamsSourceTask first = task(offsets, taskProps);
        assertThat(pollUntil(first, offsets, 1)).extracting(TaskAgainstEmulatorTest::key).containsExactly("new-c");
        first.stop();

        put("orders", "new-d", 1);
        DynamoDbStreamsSourceTask second = task(offsets, taskProps);
        List<SourceRecord> resumed = pollUntil(second, offsets, 1);
        List<SourceRecord> more = second.poll();
        Object drained = ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("io.dynamocdc.connector:type=task,connector=\"dynamo-cdc\",task=\"0\""), "ShardsDrained");
        second.stop();
        assertThat(resumed).extracting(TaskAgainstEmulatorTest::key).containsExactly("new-d");
        assertThat(more == null || more.isEmpty()).as("nothing of the parent again").isTrue();
        // the parent was finished before its child delivered: the restarted task goes straight to the children
        assertThat(drained).as("shards the restarted task read to their end").isEqualTo(0L);
    }

    @Test
    void aFinishedParentWhoseRecordsAreTrimmedIsNotMistakenForAGap() throws Exception {
        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        String arn = table("orders");
        put("orders", "a", 1);
        emulator.control().advanceClock(Duration.ofHours(2));
        String parent = emulator.control().openShards(arn).get(0);
        emulator.control().splitShard(arn, parent);
        put("orders", "b", 1);
        InMemoryOffsets offsets = new InMemoryOffsets();
        Map<String, String> taskProps = taskProps(props());
        DynamoDbStreamsSourceTask first = task(offsets, taskProps);
        assertThat(pollUntil(first, offsets, 2)).extracting(TaskAgainstEmulatorTest::key).containsExactly("a", "b");
        first.stop();

        // 25 hours on: the parent's record is trimmed, while the parent (closed an hour later) is still listed
        emulator.control().advanceClock(Duration.ofHours(23));
        put("orders", "c", 1);
        DynamoDbStreamsSourceTask second = task(offsets, taskProps);
        List<SourceRecord> resumed = pollUntil(second, offsets, 1);
        second.stop();
        assertThat(resumed).extracting(TaskAgainstEmulatorTest::key).containsExactly("c");
    }

    @Test
    void aTrimmedGapFailsTheTaskNamingWhatWasLost() throws Exception {
        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        table("orders");
        put("orders", "a", 1);
        InMemoryOffsets offsets = new InMemoryOffsets();
        Map<String, String> taskProps = taskProps(props());
        DynamoDbStreamsSourceTask first = task(offsets, taskProps);
        assertThat(pollUntil(first, offsets, 1)).hasSize(1);
        first.stop();
        put("orders", "b", 1);
        // The connector is down for 25 hours: "b" leaves the stream unread.
        emulator.control().advanceClock(Duration.ofHours(25));
        put("orders", "c", 1);
        assertThatThrownBy(() -> task(offsets, taskProps)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("table orders, shard shardId-")
                .hasMessageContaining("older than the stream keeps")
                .hasMessageContaining("Changes after 2025-11-01T00:00:00Z until 2025-11-02T01:00:00Z");
    }

    @Test
    void aDeletedTableIsAClearErrorOnceEverythingIsDelivered() throws Exception {
        table("orders");
        put("orders", "a", 1);
        InMemoryOffsets offsets = new InMemoryOffsets();
        DynamoDbStreamsSourceTask task = task(offsets, taskProps(props()));
        assertThat(pollUntil(task, offsets, 1)).hasSize(1);
        put("orders", "b", 1);
        db.deleteTable(b -> b.tableName("orders"));
        List<SourceRecord> last = pollUntil(task, offsets, 1);
        assertThat(last).hasSize(1);
        assertThatThrownBy(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(task.poll()).as("nothing after the last change").isNull();
            }
        }).isInstanceOf(ConnectException.class).hasMessageContaining("the stream of table orders")
                .hasMessageContaining("was disabled, or the table deleted: every change it holds was delivered");
        task.stop();
    }

    @Test
    void validateReportsTablesWithoutAUsableStreamOnTheirKey() {
        db.createTable(b -> b.tableName("keys-only").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        DynamoDbStreamsSourceConnector connector = new DynamoDbStreamsSourceConnector();
        var keysOnly = connector.validate(props("table.include.list", "keys-only"));
        assertThat(errors(keysOnly, "table.include.list")).singleElement().asString().contains("KEYS_ONLY");
        var none = connector.validate(props("table.include.list", "nothing-like-this"));
        assertThat(errors(none, "table.include.list")).singleElement().asString().contains("no table of the region matches");
        table("good");
        var good = connector.validate(props("table.include.list", "good"));
        assertThat(good.configValues()).allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
        var unreachable = connector.validate(props("table.include.list", "good", "aws.endpoint.url", "http://127.0.0.1:1"));
        assertThat(unreachable.configValues().stream().flatMap(value -> value.errorMessages().stream()).toList()).isNotEmpty();
    }

    @Test
    void wrongCredentialsAreAClearErrorAtStart() {
        table("orders");
        emulator.control().acceptOnlyAccessKeys("AKIDRIGHT");
        DynamoDbStreamsSourceConnector connector = new DynamoDbStreamsSourceConnector();
        Map<String, String> wrong = props("aws.secret.access.key", "s3cr3t-value");
        assertThatThrownBy(() -> connector.start(wrong)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("UnrecognizedClientException").hasMessageContaining("AWS rejected the credentials")
                .hasMessageNotContaining("s3cr3t-value");
        connector.stop();
        var checked = connector.validate(wrong);
        assertThat(errors(checked, "aws.region")).singleElement().asString().contains("AWS rejected the credentials");
    }

    @Test
    void credentialsComeFromANamedProfileAndAProfileMistakeIsReportedOnItsKey() throws Exception {
        table("good");
        emulator.control().acceptOnlyAccessKeys("AKIDPROFILE", "a");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("aws-credentials", "");
        java.nio.file.Files.writeString(file, "[dynamo-cdc-unit]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = x\n");
        System.setProperty("aws.sharedCredentialsFile", file.toString());
        try {
            Map<String, String> profile = props("table.include.list", "good", "aws.profile", "dynamo-cdc-unit");
            profile.remove("aws.access.key.id");
            profile.remove("aws.secret.access.key");
            DynamoDbStreamsSourceConnector connector = new DynamoDbStreamsSourceConnector();
            assertThat(connector.validate(profile).configValues())
                    .allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
            profile.put("aws.profile", "no-such-profile");
            assertThat(errors(connector.validate(profile), "aws.profile")).singleElement().asString()
                    .contains("no profile 'no-such-profile'");
            var both = connector.validate(props("table.include.list", "good", "aws.profile", "dynamo-cdc-unit"));
            assertThat(errors(both, "aws.profile")).singleElement().asString().contains("either a profile or static keys");
        } finally {
            System.clearProperty("aws.sharedCredentialsFile");
            java.nio.file.Files.delete(file);
        }
    }

    private static List<String> errors(org.apache.kafka.common.config.Config config, String key) {
        return config.configValues().stream().filter(value -> value.name().equals(key)).findFirst().orElseThrow().errorMessages();
    }
}
