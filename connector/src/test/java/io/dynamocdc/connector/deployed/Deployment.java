package io.dynamocdc.connector.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pieces every test in separate processes shares: a broker in its own JVM, the plugin archive unzipped
 * into a plugin.path directory exactly as the README says, worker configurations, and the shipped connector
 * configuration with what a local single-broker setup must change.
 */
final class Deployment implements AutoCloseable {

    static final String VERSION = System.getProperty("project.version", "unknown");
    static final Path REPOSITORY = Path.of(System.getProperty("repository.root", ".."));
    static final String CONNECTOR_CLASS = "io.dynamocdc.connector.DynamoDbStreamsSourceConnector";
    static final String TRANSFORM_CLASS = "io.dynamocdc.transform.connect.CdcTransform";

    final Path dir;
    final Path pluginPath;
    final KafkaBrokerProcess broker;
    /** What the test started beside Kafka (an emulator, clients), closed with it, last first. */
    private final java.util.Deque<AutoCloseable> owned = new java.util.ArrayDeque<>();

    private Deployment(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.pluginPath = dir.resolve("plugins");
        unzip(Path.of(System.getProperty("connector.plugin.zip", "target/missing.zip")), pluginPath);
        this.broker = KafkaBrokerProcess.start(Files.createDirectories(dir.resolve("broker")));
    }

    static Deployment start() throws IOException, InterruptedException {
        // Under target/: kept after a failure for its logs, gone with mvn clean.
        return new Deployment(Files.createTempDirectory(Files.createDirectories(Path.of("target", "deployed-it")), "run-"));
    }

    /** A distributed worker's configuration, as the README's install section gives it, for a single broker. */
    Map<String, String> workerProperties(String group, String... extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", group);
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.replication.factor", "1");
        props.put("status.storage.partitions", "1");
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        // A worker killed and restarted at once rejoins only when the group gives up on its old self: after
        // rebalance.timeout.ms (60 s by default). Shorter here, so kills do not dominate the run.
        props.put("rebalance.timeout.ms", "20000");
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    ConnectWorkerProcess worker(String name, Map<String, String> properties, Map<String, String> environment) {
        return new ConnectWorkerProcess(name, dir, properties, environment);
    }

    /**
     * The shipped {@code config/connect/dynamo-cdc-orders.json} with what a local run changes: the endpoint,
     * region and tables, a topic prefix of its own, and one replica (one broker).
     */
    static Map<String, String> shippedConnectorConfig(URI endpoint, String topicPrefix, String tables, String... extra) {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            JsonNode shipped = ConnectRest.JSON.readTree(REPOSITORY.resolve("config/connect/dynamo-cdc-orders.json").toFile());
            shipped.path("config").fields().forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("aws.endpoint.url", endpoint.toString());
        config.put("aws.region", "eu-west-1");
        config.put("table.include.list", tables);
        config.put("topic.prefix", topicPrefix);
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "3");
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return config;
    }

    /** The offsets topic as Connect reads it back: each key's bytes (as text) and its latest value (null: deleted). */
    Map<String, String> storedOffsets(String topic) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(broker.bootstrapServers(), List.of(topic), true)) {
            latest.put(new String(record.key(), StandardCharsets.UTF_8),
                    record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
        }
        return latest;
    }

    /** Writes an offset record straight into a worker's offsets topic, as an earlier build's task wrote it. */
    void writeOffset(String topic, String key, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    /** Unzips the plugin archive as a user would ({@code unzip … -d plugin.path}); it holds one top directory. */
    static void unzip(Path zip, Path into) throws IOException {
        assertThat(zip).as("the plugin archive, built by mvn package").exists();
        List<String> tops = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as("entry %s stays inside", entry.getName()).isTrue();
                String top = entry.getName().split("/")[0];
                if (!tops.contains(top)) {
                    tops.add(top);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        }
        assertThat(tops).containsExactly("dynamo-cdc-connector-" + VERSION);
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }

    /** Closes this with the deployment. */
    <T extends AutoCloseable> T own(T closeable) {
        owned.push(closeable);
        return closeable;
    }

    @Override
    public void close() throws InterruptedException {
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                System.err.println("closing a test resource failed: " + e);
            }
        }
        broker.close();
    }
}
