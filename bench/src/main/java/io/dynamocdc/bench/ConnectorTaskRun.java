package io.dynamocdc.bench;

import io.dynamocdc.connector.DynamoDbStreamsSourceConnector;
import io.dynamocdc.connector.DynamoDbStreamsSourceTask;
import io.dynamocdc.testkit.DynamoDbEmulator;
import io.dynamocdc.testkit.Fault;
import io.dynamocdc.testkit.StreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whole-process measurements of one connector task reading the testkit emulator (no Kafka: the task's
 * {@code poll()} is called as a worker would, and its records are counted, not produced):
 * <ul>
 *   <li>{@code throughput}: records/s through one task over a 16-shard stream preloaded with 200,000
 *       seed-order changes;</li>
 *   <li>{@code latency}: item written (PutItem acknowledged) → record returned by {@code poll()}, p50 and
 *       p99, at a steady 500 writes/s for 30 s, default settings.</li>
 * </ul>
 * Optional third and fourth arguments: a delay on every GetRecords in ms (a network round trip like AWS's)
 * and {@code shard.reader.threads}.
 * usage: {@code java -cp benchmarks.jar io.dynamocdc.bench.ConnectorTaskRun throughput [records] [delay ms] [readers]|latency}
 */
public final class ConnectorTaskRun {

    private ConnectorTaskRun() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "throughput";
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                .streamSettings(StreamSettings.DEFAULT.withInitialShards(16)).start();
             DynamoDbClient db = EmulatorClients.dynamoDb(emulator.endpoint(), "apache5")) {
            EmulatorClients.createOrdersTable(db, "orders");
            Map<String, String> props = new HashMap<>(Map.of("topic.prefix", "cdc", "aws.region", "us-east-1",
                    "aws.endpoint.url", emulator.endpoint().toString(), "aws.access.key.id", "AKIDEXAMPLE",
                    "aws.secret.access.key", "bench", "table.include.list", "orders"));
            if (args.length > 2) {
                // a round trip like AWS's on every GetRecords, to see what reading shards concurrently buys
                emulator.control().addFault(Fault.on("GetRecords").delay(Duration.ofMillis(Long.parseLong(args[2]))).build());
            }
            if (args.length > 3) {
                props.put("shard.reader.threads", args[3]);
            }
            if (what.equals("throughput")) {
                throughput(db, props, args.length > 1 ? Integer.parseInt(args[1]) : 200_000);
            } else {
                latency(db, props);
            }
        }
    }

    private static void throughput(DynamoDbClient db, Map<String, String> props, int records) throws Exception {
        EmulatorClients.preloadOrders(db, "orders", records);
        DynamoDbStreamsSourceTask task = task(props);
        long start = System.nanoTime();
        long read = 0;
        while (read < records) {
            List<SourceRecord> batch = task.poll();
            read += batch == null ? 0 : batch.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        task.stop();
        System.out.printf("connector-task records=%d seconds=%.2f records_per_s=%.0f%n", read, seconds, read / seconds);
    }

    private static void latency(DynamoDbClient db, Map<String, String> props) throws Exception {
        Map<String, Long> writtenAt = new ConcurrentHashMap<>();
        DynamoDbStreamsSourceTask task = task(props);
        int rate = 500;
        int seconds = 30;
        Thread writer = EmulatorClients.pacedOrderWriter(db, rate, seconds, writtenAt, true);
        writer.start();
        List<Long> latencies = new ArrayList<>();
        while (latencies.size() < rate * seconds) {
            List<SourceRecord> batch = task.poll();
            long now = System.nanoTime();
            for (SourceRecord record : batch == null ? List.<SourceRecord>of() : batch) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, String>> key = (Map<String, Map<String, String>>) record.key();
                Long at = writtenAt.get(key.get("orderid").get("S"));
                // The put's acknowledgement can come after the record is read: count that as 0.
                latencies.add(at == null ? 0 : Math.max(0, now - at));
            }
        }
        writer.join();
        task.stop();
        System.out.printf("connector-latency writes_per_s=%d %s%n", rate, EmulatorClients.latencySummary(latencies));
    }


    /** The task as the connector would configure it with tasks.max=1, offsets empty (a first start). */
    private static DynamoDbStreamsSourceTask task(Map<String, String> props) {
        DynamoDbStreamsSourceConnector connector = new DynamoDbStreamsSourceConnector();
        connector.start(props);
        Map<String, String> taskProps = connector.taskConfigs(1).get(0);
        connector.stop();
        DynamoDbStreamsSourceTask task = new DynamoDbStreamsSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return taskProps;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return null;
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> none = new HashMap<>();
                        partitions.forEach(partition -> none.put(partition, null));
                        return none;
                    }
                };
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                throw new UnsupportedOperationException("not in a worker");
            }
        });
        task.start(taskProps);
        return task;
    }
}
