package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/** The connector's pieces that need no AWS: configuration, families, assignment, record shape, offsets. */
class ConnectorUnitsTest {

    private static final Map<String, String> MINIMAL = Map.of("topic.prefix", "cdc", "aws.region", "eu-west-1");

    private static DynamoDbStreamsSourceConnectorConfig config(Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(MINIMAL);
        props.putAll(extra);
        return new DynamoDbStreamsSourceConnectorConfig(props);
    }

    @Test
    void tablesAreChosenByWholeNamePatternsAndTopicsFollowThePrefix() {
        var config = config(Map.of("table.include.list", "Orders.*,Users", "table.exclude.list", ".*Archive",
                "topic.overrides", "Users=users-changes"));
        assertThat(config.captures("Orders")).isTrue();
        assertThat(config.captures("OrdersArchive")).isFalse();
        assertThat(config.captures("XOrders")).isFalse();
        assertThat(config.topicFor("Orders")).isEqualTo("cdc.Orders");
        assertThat(config.topicFor("Users")).isEqualTo("users-changes");
        assertThat(config(Map.of()).captures("anything")).isTrue();
    }

    @Test
    void invalidSettingsNameTheirKey() {
        assertThatThrownBy(() -> config(Map.of("table.include.list", "Orders[")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("table.include.list").hasMessageContaining("regular expression");
        assertThatThrownBy(() -> config(Map.of("stream.start.position", "AT_TIMESTAMP")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stream.start.timestamp");
        assertThatThrownBy(() -> config(Map.of("get.records.limit", "1001"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("get.records.limit");
        assertThatThrownBy(() -> config(Map.of("aws.access.key.id", "AKID"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.secret.access.key").hasMessageNotContaining("AKID");
        assertThatThrownBy(() -> new DynamoDbStreamsSourceConnectorConfig(Map.of("aws.region", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topic.prefix");
    }

    @Test
    void theSecretKeyIsAPasswordNeverPrinted() {
        var config = config(Map.of("aws.access.key.id", "AKID", "aws.secret.access.key", "very-secret"));
        assertThat(config.secretAccessKey().value()).isEqualTo("very-secret");
        assertThat(config.secretAccessKey().toString()).doesNotContain("very-secret");
        assertThat(DynamoDbStreamsSourceConnectorConfig.CONFIG_DEF.configKeys().get("aws.secret.access.key").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void familiesStartAtShardsWithoutAPresentParent() {
        List<Shard> shards = List.of(shard("a", null), shard("b", "a"), shard("c", "a"), shard("d", "b"), shard("e", "gone"));
        assertThat(ShardFamilies.roots(shards)).containsExactly("a", "e");
        assertThat(ShardFamilies.family("a", ShardFamilies.children(shards))).containsExactly("a", "b", "c", "d");
    }

    @Test
    void familiesSpreadEvenlyAndTheAssignmentRoundTrips() {
        List<TaskAssignment.Family> families = List.of(
                new TaskAssignment.Family("t1", "arn:1", "s1", 4), new TaskAssignment.Family("t1", "arn:1", "s2", 1),
                new TaskAssignment.Family("t2", "arn:2", "s3", 2), new TaskAssignment.Family("t2", "arn:2", "s4", 1));
        List<TaskAssignment> spread = TaskAssignment.spread(families, 2);
        assertThat(spread).hasSize(2);
        assertThat(spread.get(0).streams()).extracting(TaskAssignment.StreamFamilies::roots).containsExactly(List.of("s1"));
        assertThat(spread.get(1).streams()).extracting(TaskAssignment.StreamFamilies::roots)
                .containsExactly(List.of("s2"), List.of("s3", "s4"));
        assertThat(TaskAssignment.spread(families, 10)).hasSize(4);
        for (TaskAssignment assignment : spread) {
            assertThat(TaskAssignment.decode(assignment.encode())).isEqualTo(assignment);
        }
    }

    @Test
    void aRecordBecomesThePipeShapeWithBinaryKeysInBase64() {
        Record record = Record.builder().eventID("e1").eventName("REMOVE").eventVersion("1.1").eventSource("aws:dynamodb")
                .awsRegion("eu-west-1")
                .userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build())
                .dynamodb(d -> d.approximateCreationDateTime(java.time.Instant.ofEpochSecond(1761955200))
                        .keys(Map.of("id", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))))
                        .oldImage(Map.of("id", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
                                "tags", AttributeValue.fromSs(List.of("a")), "gone", AttributeValue.fromNul(true),
                                "nested", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("1.50")))))
                        .sequenceNumber("111").sizeBytes(20L).streamViewType("NEW_AND_OLD_IMAGES"))
                .build();
        ChangeRecord change = StreamRecordMapper.change(record, "arn:aws:dynamodb:eu-west-1:1:table/t/stream/x", KeyOrder.AS_READ);
        Map<String, Object> value = change.value();
        assertThat(value.keySet()).containsExactly("eventID", "eventName", "eventVersion", "eventSource", "awsRegion",
                "dynamodb", "userIdentity", "eventSourceARN");
        assertThat(value.get("userIdentity")).isEqualTo(Map.of("type", "Service", "principalId", "dynamodb.amazonaws.com"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dynamodb = (Map<String, Object>) value.get("dynamodb");
        assertThat(dynamodb.get("ApproximateCreationDateTime")).isEqualTo(1761955200L);
        assertThat(dynamodb).doesNotContainKey("NewImage");
        assertThat(change.key()).isEqualTo(Map.of("id", Map.of("B", "AQID")));
        @SuppressWarnings("unchecked")
        Map<String, Object> old = (Map<String, Object>) dynamodb.get("OldImage");
        assertThat(old.get("gone")).isEqualTo(Map.of("NULL", true));
        assertThat(old.get("nested")).isEqualTo(Map.of("M", Map.of("n", Map.of("N", "1.50"))));
    }

    @Test
    void anOldTaskClosingLateLeavesItsSuccessorsJmxBeans() throws Exception {
        var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        var task = new javax.management.ObjectName("io.dynamocdc.connector:type=task,connector=\"units\",task=\"0\"");
        var shard = new javax.management.ObjectName("io.dynamocdc.connector:type=shard,connector=\"units\",table=\"t\",shard=\"s1\"");
        var late = new javax.management.ObjectName("io.dynamocdc.connector:type=shard,connector=\"units\",table=\"t\",shard=\"s2\"");
        TaskMetrics old = new TaskMetrics("units", "0", 1, () -> 1);
        old.shard("t", "s1").called();
        TaskMetrics successor = new TaskMetrics("units", "0", 1, () -> 2);
        successor.shard("t", "s1");
        old.close();
        assertThat(server.getAttribute(task, "ShardsActive")).isEqualTo(2);
        assertThat(server.getAttribute(shard, "GetRecordsCalls")).isEqualTo(0L);
        old.shard("t", "s2").called(); // a reader of the old task finishing its round
        assertThat(server.isRegistered(late)).isFalse();
        successor.close();
        assertThat(server.isRegistered(task)).isFalse();
        assertThat(server.isRegistered(shard)).isFalse();
    }

    @Test
    void exactlyOnceIsSupportedWithTheWorkersTransactionBoundaries() {
        DynamoDbStreamsSourceConnector connector = new DynamoDbStreamsSourceConnector();
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(Map.of())).isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
    }

    @Test
    void offsetsGivenThroughTheRestApiAreChecked() {
        DynamoDbStreamsSourceConnector connector = new DynamoDbStreamsSourceConnector();
        Map<String, ?> partition = Map.of("stream_arn", "arn:aws:dynamodb:eu-west-1:1:table/t/stream/2025", "shard_id", "shardId-1");
        assertThat(connector.alterOffsets(MINIMAL, Map.of(partition, Map.of("sequence_number", "123")))).isTrue();
        Map<Map<String, ?>, Map<String, ?>> reset = new java.util.HashMap<>();
        reset.put(partition, null);
        assertThat(connector.alterOffsets(MINIMAL, reset)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(MINIMAL, Map.of(partition, Map.of("sequence_number", "12x"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("sequence_number");
        assertThatThrownBy(() -> connector.alterOffsets(MINIMAL, Map.of(Map.of("shard_id", "shardId-1"), Map.of("sequence_number", "1"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("stream_arn");
        // a heartbeat's offset: no change read yet, only the time from which changes are delivered
        assertThat(connector.alterOffsets(MINIMAL, Map.of(partition, Map.of("deliver_from", 1_762_000_000_000L)))).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(MINIMAL, Map.of(partition, Map.of("deliver_from", "yesterday"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("deliver_from");
    }

    @Test
    void heartbeatsAreOffUnlessAnIntervalIsGivenAndGoToTheirOwnTopic() {
        assertThat(config(Map.of()).heartbeatInterval()).isEmpty();
        var config = config(Map.of("heartbeat.interval.ms", "60000"));
        assertThat(config.heartbeatInterval()).contains(java.time.Duration.ofMinutes(1));
        assertThat(config.heartbeatTopic()).isEqualTo("__dynamo-cdc-heartbeat.cdc");
        assertThat(config(Map.of("heartbeat.topics.prefix", "beats")).heartbeatTopic()).isEqualTo("beats.cdc");
        assertThatThrownBy(() -> config(Map.of("heartbeat.interval.ms", "-1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("heartbeat.interval.ms");
        // the transform lets heartbeats through by this header
        assertThat(Heartbeats.HEADER).isEqualTo(io.dynamocdc.transform.connect.CdcTransform.HEARTBEAT_HEADER);
    }

    private static Shard shard(String id, String parent) {
        return Shard.builder().shardId(id).parentShardId(parent).build();
    }
}
