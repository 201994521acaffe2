package io.dynamocdc.bench;

import io.dynamocdc.connector.DynamoDbStreamsSourceConnector;
import io.dynamocdc.testkit.DynamoDbEmulator;
import io.dynamocdc.testkit.StreamSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whole-process measurement with Kafka in the path: the connector with one task in Kafka's own
 * in-JVM cluster (one broker, one Connect worker, JsonConverter), reading a 16-shard stream of the
 * testkit emulator preloaded with seed orders, into a topic; a consumer counts the records. Scored from
 * the connector's creation to the last record consumed (task start and topic creation included).
 * usage: {@code java -cp benchmarks.jar io.dynamocdc.bench.ConnectorKafkaRun [records]}
 */
public final class ConnectorKafkaRun {

    private ConnectorKafkaRun() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("dynamo-cdc-bench").numWorkers(1)
                .numBrokers(1).workerProps(new HashMap<>(Map.of("plugin.discovery", "service_load",
                        "offset.flush.interval.ms", "5000")))
                .build();
        connect.start();
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                .streamSettings(StreamSettings.DEFAULT.withInitialShards(16)).start();
             DynamoDbClient db = EmulatorClients.dynamoDb(emulator.endpoint(), "apache5")) {
            EmulatorClients.createOrdersTable(db, "orders");
            EmulatorClients.preloadOrders(db, "orders", records);
            Map<String, String> props = new HashMap<>();
            props.put("connector.class", DynamoDbStreamsSourceConnector.class.getName());
            props.put("tasks.max", "1");
            props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("key.converter.schemas.enable", "false");
            props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("value.converter.schemas.enable", "false");
            props.put("topic.creation.default.replication.factor", "1");
            props.put("topic.creation.default.partitions", "4");
            props.put("topic.prefix", "bench");
            props.put("aws.region", "us-east-1");
            props.put("aws.endpoint.url", emulator.endpoint().toString());
            props.put("aws.access.key.id", "AKIDEXAMPLE");
            props.put("aws.secret.access.key", "bench");
            long start = System.nanoTime();
            connect.configureConnector("bench", props);
            long consumed = 0;
            long lastAt = start;
            try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(
                    Map.of("auto.offset.reset", "earliest", "group.id", "bench", "max.poll.records", "5000"), "bench.orders")) {
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (consumed < records && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                        consumed++;
                        lastAt = System.nanoTime();
                    }
                }
            }
            double seconds = (lastAt - start) / 1e9;
            System.out.printf("connector-kafka records=%d seconds=%.2f records_per_s=%.0f%n", consumed, seconds, consumed / seconds);
        } finally {
            connect.stop();
        }
    }

}
