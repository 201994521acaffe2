package io.dynamocdc.connector;

import io.dynamocdc.testkit.DynamoDbEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** A one-table emulator setup and a task run as the worker runs it, for tests that drive the task directly. */
final class EmulatorTaskRuns {

    private EmulatorTaskRuns() {
    }

    static String createOrders(DynamoDbClient db) {
        return db.createTable(b -> b.tableName("orders").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    /** Orders o-1 … o-count at this version: INSERTs the first time, MODIFYs after. */
    static void putOrders(DynamoDbClient db, int count, int version) {
        for (int i = 1; i <= count; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("orderid", AttributeValue.fromS("o-" + i));
            item.put("version", AttributeValue.fromN(Integer.toString(version)));
            db.putItem(b -> b.tableName("orders").item(item));
        }
    }

    /** What the connector hands its one task for these settings. */
    static Map<String, String> taskConfig(DynamoDbEmulator emulator, String... extra) {
        Map<String, String> props = new HashMap<>(Map.of("topic.prefix", "cdc", "aws.region", "eu-west-1",
                "aws.endpoint.url", emulator.endpoint().toString(), "aws.access.key.id", "AKIDEXAMPLE",
                "aws.secret.access.key", "secret", "poll.interval.ms", "10"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return taskConfig(props);
    }

    /** What the connector hands its one task for this configuration. */
    static Map<String, String> taskConfig(Map<String, String> props) {
        DynamoDbStreamsSourceConnector connector = new DynamoDbStreamsSourceConnector();
        connector.start(props);
        try {
            return connector.taskConfigs(1).get(0);
        } finally {
            connector.stop();
        }
    }

    static DynamoDbStreamsSourceTask start(InMemoryOffsets offsets, Map<String, String> taskConfig) {
        DynamoDbStreamsSourceTask task = new DynamoDbStreamsSourceTask();
        task.initialize(offsets.context());
        task.start(taskConfig);
        return task;
    }

    /** Polls (committing each record's offset) until {@code wanted} records came, or a minute passed. */
    static List<SourceRecord> poll(DynamoDbStreamsSourceTask task, InMemoryOffsets offsets, int wanted) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (all.size() < wanted && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                batch.forEach(offsets::commit);
                all.addAll(batch);
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    static String orderId(SourceRecord record) {
        return ((Map<String, Map<String, String>>) record.key()).get("orderid").get("S");
    }
}
