package io.dynamocdc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamocdc.connector.DynamoDbStreamsSourceConnector;
import io.dynamocdc.testkit.DynamoDbEmulator;
import io.dynamocdc.testkit.StreamSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whole-process measurements with Kafka in the path: the connector with one task in Kafka's own in-JVM
 * cluster (one broker, one Connect worker, JsonConverter, default connector settings), reading a
 * 16-shard stream of the testkit emulator into a topic that a consumer reads.
 * <ul>
 *   <li>{@code throughput [records]}: the stream preloaded with seed orders; scored from the connector's
 *   creation to the last record in the topic (by its end offsets; task start and topic creation included). Also prints where
 *   the CPU went, by thread, while the connector ran.</li>
 *   <li>{@code latency}: 500 PutItem/s for 30 s; each item's time from just before its PutItem to its
 *   record reaching the consumer; p50, p99, max.</li>
 * </ul>
 * With {@code large-batches}, the connector's producer uses 512 KB batches
 * ({@code producer.override.batch.size}; Kafka's default is 16 KB).
 * usage: {@code java -cp benchmarks.jar io.dynamocdc.bench.ConnectorKafkaRun throughput [records] [large-batches]|latency [large-batches]}
 */
public final class ConnectorKafkaRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorKafkaRun() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "throughput";
        boolean largeBatches = List.of(args).contains("large-batches");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("dynamo-cdc-bench").numWorkers(1)
                .numBrokers(1).workerProps(new HashMap<>(Map.of("plugin.discovery", "service_load",
                        "offset.flush.interval.ms", "5000")))
                .build();
        connect.start();
        // -Demulator=URL: an emulator in a process of its own (bin/dynamo-cdc emulator --shards 16), as AWS is
        // apart from the worker; its heap and threads are then not the worker's.
        String external = System.getProperty("emulator");
        try (DynamoDbEmulator emulator = external == null ? DynamoDbEmulator.builder()
                .streamSettings(StreamSettings.DEFAULT.withInitialShards(16)).start() : null;
             DynamoDbClient db = EmulatorClients.dynamoDb(external == null ? emulator.endpoint() : URI.create(external),
                     "apache5")) {
            EmulatorClients.createOrdersTable(db, "orders");
            Map<String, String> props = connectorProps(external == null ? emulator.endpoint().toString() : external);
            if (largeBatches) {
                // the connector's producer with larger batches: fewer, bigger requests for the broker
                props.put("producer.override.batch.size", "524288");
            }
            // -Dproducer.KEY=VALUE: further producer overrides to try (e.g. -Dproducer.compression.type=lz4)
            System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("producer."))
                    .forEach(key -> props.put("producer.override." + key.substring("producer.".length()), System.getProperty(key)));
            if (what.equals("latency")) {
                latency(connect, db, props);
            } else {
                throughput(connect, db, props,
                        args.length > 1 && !args[1].equals("large-batches") ? Integer.parseInt(args[1]) : 1_200_000);
            }
        } finally {
            connect.stop();
        }
    }

    private static Map<String, String> connectorProps(String endpoint) {
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
        props.put("aws.endpoint.url", endpoint);
        props.put("aws.access.key.id", "AKIDEXAMPLE");
        props.put("aws.secret.access.key", "bench");
        return props;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedConnectCluster connect) {
        return connect.kafka().createConsumerAndSubscribeTo(
                Map.of("auto.offset.reset", "earliest", "group.id", "bench", "max.poll.records", "5000"), "bench.orders");
    }

    private static void throughput(EmbeddedConnectCluster connect, DynamoDbClient db, Map<String, String> props, int records)
            throws Exception {
        EmulatorClients.preloadOrders(db, "orders", records);
        Map<String, Long> cpuBefore = cpuByThreadGroup();
        long start = System.nanoTime();
        connect.configureConnector("bench", props);
        long inTopic = 0;
        long lastAt = start;
        // the steady rate: from the first look at 20% of the records in the topic to the end (warm-up left out)
        long fifthAt = 0;
        long fifth = 0;
        // Records in the topic are counted by its end offsets, so no consumer takes CPU from the worker.
        try (Admin admin = connect.kafka().createAdminClient()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (inTopic < records && System.nanoTime() < deadline) {
                long now = endOffsets(admin);
                if (now > inTopic) {
                    inTopic = now;
                    lastAt = System.nanoTime();
                    if (fifthAt == 0 && inTopic >= records / 5) {
                        fifthAt = lastAt;
                        fifth = inTopic;
                    }
                }
                Thread.sleep(20);
            }
        }
        double seconds = (lastAt - start) / 1e9;
        System.out.printf("connector-kafka records=%d seconds=%.2f records_per_s=%.0f steady_records_per_s=%.0f%n", inTopic,
                seconds, inTopic / seconds, (inTopic - fifth) / ((lastAt - fifthAt) / 1e9));
        System.out.println("CPU while the connector ran, microseconds per record, by thread:");
        for (Map.Entry<String, Long> group : cpuByThreadGroup().entrySet()) {
            double perRecord = (group.getValue() - cpuBefore.getOrDefault(group.getKey(), 0L)) / 1e3 / inTopic;
            if (perRecord >= 0.5) {
                System.out.printf("  %-34s %6.1f%n", group.getKey(), perRecord);
            }
        }
    }

    private static long endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < 4; partition++) {
            latest.put(new TopicPartition("bench.orders", partition), OffsetSpec.latest());
        }
        try {
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        } catch (java.util.concurrent.ExecutionException e) {
            return 0; // the topic is not there yet
        }
    }

    /** CPU time of this JVM's live threads, summed by what they do (names with their numbers taken out). */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                byGroup.merge(group(info.getThreadName()), cpu, Long::sum);
            }
        }
        return byGroup;
    }

    private static String group(String thread) {
        if (thread.startsWith("task-thread-") || thread.startsWith("pool-")) {
            return "Connect task (poll+convert+send)";
        }
        if (thread.startsWith("dynamo-cdc-reader-")) {
            return "shard readers (GetRecords, parse)";
        }
        if (thread.startsWith("kafka-producer-network-thread")) {
            return "producer I/O";
        }
        if (thread.startsWith("data-plane-kafka") || thread.contains("kafka-request-handler")) {
            return "broker";
        }
        if (thread.startsWith("dynamo-cdc-emulator")) {
            return "emulator";
        }
        if (thread.equals("main")) {
            return "bench (consumer, offsets)";
        }
        return "other";
    }

    private static void latency(EmbeddedConnectCluster connect, DynamoDbClient db, Map<String, String> props) throws Exception {
        int rate = 500;
        int seconds = 30;
        Map<String, Long> writtenAt = new ConcurrentHashMap<>();
        connect.configureConnector("bench", props);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("bench", 1, "the connector did not start");
        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(connect)) {
            // joined and positioned before the first write, so no wait on the group is counted
            consumer.poll(Duration.ofMillis(500));
            Thread writer = EmulatorClients.pacedOrderWriter(db, rate, seconds, writtenAt, false);
            writer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60).toNanos();
            while (latencies.size() < rate * seconds && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode key = JSON.readTree(record.key());
                    latencies.add(now - writtenAt.get(key.path("orderid").path("S").asText()));
                }
            }
            writer.join();
        }
        System.out.printf("connector-kafka-latency writes_per_s=%d %s%n", rate, EmulatorClients.latencySummary(latencies));
    }
}
