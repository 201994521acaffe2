package io.dynamocdc.connector;

import io.dynamocdc.testkit.DynamoDbEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Prints, one per line, every byte string the connector makes Connect write: task configurations, source
 * partitions as the offsets topic keys them, offsets, record keys, values and headers, heartbeats, and the
 * same records read through the SDK's model. Run in several fresh JVMs ({@link SameBytesInEveryJvmTest}),
 * its output must never change: a map whose order a JVM picks at random would show as a difference.
 */
public final class ConnectBytesProbe {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final int CHANGES = 6;

    private ConnectBytesProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String line : lines()) {
            System.out.println(line);
        }
    }

    static List<String> lines() throws InterruptedException {
        List<String> out = new ArrayList<>();
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start(); DynamoDbClient db = TestClients.dynamoDb(emulator.endpoint())) {
            emulator.control().setClock(NOW);
            String ordersArn = createTable(db, "probe-orders", false);
            String linesArn = createTable(db, "probe-lines", true);
            writeChanges(db);

            Map<String, String> props = new TreeMap<>(Map.of("topic.prefix", "probe", "aws.region", "eu-west-1",
                    "aws.endpoint.url", emulator.endpoint().toString(), "aws.access.key.id", "AKIDEXAMPLE",
                    "aws.secret.access.key", "secret", "poll.interval.ms", "10", "table.include.list", "probe-.*"));
            Map<String, String> taskConfig = EmulatorTaskRuns.taskConfig(props);
            out.add("task-config " + text(json.fromConnectData("configs", null, taskConfig))
                    .replace(emulator.endpoint().toString(), "http://emulator"));

            InMemoryOffsets offsets = new InMemoryOffsets();
            DynamoDbStreamsSourceTask task = EmulatorTaskRuns.start(offsets, taskConfig);
            List<SourceRecord> records;
            try {
                records = new ArrayList<>(EmulatorTaskRuns.poll(task, offsets, CHANGES));
            } finally {
                task.stop();
            }
            records.sort(java.util.Comparator.comparing(SourceRecord::topic)
                    .thenComparing(r -> r.headers().lastWithName("dynamodb.sequence.number").value().toString()));
            for (SourceRecord record : records) {
                out.add("partition " + text(json.fromConnectData(record.topic(), null,
                        Arrays.asList(InMemoryOffsets.CONNECTOR, record.sourcePartition()))));
                out.add("offset " + text(json.fromConnectData(record.topic(), null, record.sourceOffset())));
                out.add("key " + text(json.fromConnectData(record.topic(), null, record.key())));
                out.add("value " + text(json.fromConnectData(record.topic(), null, record.value())));
                StringBuilder headers = new StringBuilder("headers");
                for (Header header : record.headers()) {
                    headers.append(' ').append(header.key()).append('=').append(header.value());
                }
                out.add(headers.toString());
            }
            offsets.storedKeys().forEach(key -> out.add("stored " + key));
            heartbeat(ordersArn, json, out);
            sdkModel(emulator, linesArn, json, out);
        }
        return out.stream().map(line -> line.replaceAll("\"eventID\":\"[0-9a-f]+\"", "\"eventID\":\"*\"")).toList();
    }

    private static String createTable(DynamoDbClient db, String name, boolean withRange) {
        return db.createTable(b -> {
            b.tableName(name).billingMode("PAY_PER_REQUEST")
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            if (withRange) {
                b.keySchema(k -> k.attributeName("orderid").keyType("HASH"), k -> k.attributeName("line").keyType("RANGE"))
                        .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"),
                                a -> a.attributeName("line").attributeType("N"));
            } else {
                b.keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                        .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"));
            }
        }).tableDescription().latestStreamArn();
    }

    /** An INSERT, MODIFY and REMOVE per table; the line items' keys are written range key first. */
    private static void writeChanges(DynamoDbClient db) {
        Map<String, AttributeValue> order = new LinkedHashMap<>();
        order.put("quantity", AttributeValue.fromN("2"));
        order.put("orderid", AttributeValue.fromS("o-1"));
        order.put("price", AttributeValue.fromN("12345678901234567890.123456789012345678"));
        order.put("tags", AttributeValue.fromSs(List.of("gift", "express")));
        Map<String, AttributeValue> address = new LinkedHashMap<>();
        address.put("street", AttributeValue.fromS("Main"));
        address.put("city", AttributeValue.fromS("Pune"));
        address.put("zip", AttributeValue.fromN("411001"));
        order.put("address", AttributeValue.fromM(address));
        order.put("history", AttributeValue.fromL(List.of(AttributeValue.fromS("placed"), AttributeValue.fromBool(true))));
        db.putItem(b -> b.tableName("probe-orders").item(order));
        db.updateItem(b -> b.tableName("probe-orders").key(Map.of("orderid", AttributeValue.fromS("o-1")))
                .updateExpression("SET quantity = :q").expressionAttributeValues(Map.of(":q", AttributeValue.fromN("3"))));
        db.deleteItem(b -> b.tableName("probe-orders").key(Map.of("orderid", AttributeValue.fromS("o-1"))));

        for (int line = 1; line <= 2; line++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("line", AttributeValue.fromN(Integer.toString(line)));
            item.put("orderid", AttributeValue.fromS("o-1"));
            item.put("sku", AttributeValue.fromS("sku-" + line));
            db.putItem(b -> b.tableName("probe-lines").item(item));
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("line", AttributeValue.fromN("1"));
        key.put("orderid", AttributeValue.fromS("o-1"));
        db.deleteItem(b -> b.tableName("probe-lines").key(key));
    }

    private static void heartbeat(String streamArn, JsonConverter json, List<String> out) {
        ShardCursor cursor = new ShardCursor("probe-orders", streamArn, "shardId-probe", KeyOrder.AS_READ, NOW.minusSeconds(60));
        cursor.lastSequenceNumber = "000000000000000000042";
        Heartbeats heartbeats = new Heartbeats("__dynamo-cdc-heartbeat.probe", Duration.ofSeconds(1), 0);
        List<SourceRecord> beats = new ArrayList<>();
        heartbeats.emit(List.of(cursor), 0, NOW.toEpochMilli(), beats);
        for (SourceRecord beat : beats) {
            out.add("heartbeat-partition " + text(json.fromConnectData(beat.topic(), null,
                    Arrays.asList(InMemoryOffsets.CONNECTOR, beat.sourcePartition()))));
            out.add("heartbeat-offset " + text(json.fromConnectData(beat.topic(), null, beat.sourceOffset())));
            out.add("heartbeat-key " + text(json.fromConnectData(beat.topic(), null, beat.key())));
            out.add("heartbeat-value " + text(json.fromConnectData(beat.topic(), null, beat.value())));
        }
    }

    /** The line items read through the SDK's model, the path an answer the wire reader refuses takes. */
    private static void sdkModel(DynamoDbEmulator emulator, String streamArn, JsonConverter json, List<String> out) {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.EU_WEST_1).httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            KeyOrder order = new KeyOrder(List.of("orderid", "line"));
            streams.getRecords(b -> b.shardIterator(iterator)).records().forEach(record -> {
                ChangeRecord change = StreamRecordMapper.change(record, streamArn, order);
                out.add("sdk-key " + text(json.fromConnectData("t", null, change.key())));
                out.add("sdk-value " + text(json.fromConnectData("t", null, change.value())));
            });
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
