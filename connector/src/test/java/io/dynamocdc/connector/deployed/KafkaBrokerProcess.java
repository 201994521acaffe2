package io.dynamocdc.connector.deployed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single-node KRaft broker (broker and controller in one) in its own JVM, as Kafka's quick start runs it. */
final class KafkaBrokerProcess implements AutoCloseable {

    private final Path dir;
    private final int port = KafkaDistribution.freePort();
    private final Path log;
    private final Process process;

    private KafkaBrokerProcess(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.log = dir.resolve("broker.log");
        int controllerPort = KafkaDistribution.freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "group.initial.rebalance.delay.ms=0",
                "") + "\n");
        Process format = KafkaDistribution.java("kafka.tools.StorageTool", log,
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())).start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting the broker's storage failed:\n" + KafkaDistribution.read(log));
        }
        process = KafkaDistribution.java("kafka.Kafka", log, List.of(config.toString())).start();
        Await.until(Duration.ofMinutes(2), () -> "the broker on port " + port + ":\n" + KafkaDistribution.tail(KafkaDistribution.read(log), 30),
                () -> !process.isAlive() || answers());
        if (!process.isAlive()) {
            throw new IllegalStateException("the broker exited with " + process.exitValue() + ":\n" + KafkaDistribution.read(log));
        }
    }

    static KafkaBrokerProcess start(Path dir) throws IOException, InterruptedException {
        return new KafkaBrokerProcess(dir);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Admin admin() {
        Properties props = new Properties();
        props.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        return Admin.create(props);
    }

    /** The listener accepts connections, and then the cluster answers an admin client (tried only once it listens). */
    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException notYet) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        }
    }

    String log() {
        return KafkaDistribution.read(log);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
