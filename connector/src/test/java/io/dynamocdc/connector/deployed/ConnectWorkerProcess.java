package io.dynamocdc.connector.deployed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Connect worker ({@code ConnectDistributed}) in its own JVM, with the plugin only on its
 * plugin.path. Every start is a fresh JVM with a log of its own; stops are signals, as an operator or an
 * orchestrator sends them: SIGTERM (the worker's shutdown hook stops tasks and commits their offsets) or
 * SIGKILL (nothing runs).
 */
final class ConnectWorkerProcess implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final int port = KafkaDistribution.freePort();
    private final Map<String, String> environment;
    private final Path config;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    /**
     * @param name        names its files and its REST listener's log
     * @param properties  the worker's configuration; {@code listeners} is added
     * @param environment added to the worker's environment (e.g. AWS_SHARED_CREDENTIALS_FILE)
     */
    ConnectWorkerProcess(String name, Path dir, Map<String, String> properties, Map<String, String> environment) {
        this.name = name;
        this.dir = dir;
        this.environment = environment;
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("listeners", "http://127.0.0.1:" + port);
        all.put("rest.advertised.host.name", "127.0.0.1");
        all.put("rest.advertised.port", Integer.toString(port));
        this.config = dir.resolve(name + ".properties");
        StringBuilder text = new StringBuilder();
        all.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a fresh JVM and waits until its REST API answers as a member of the group. */
    ConnectWorkerProcess start() throws IOException {
        Path log = dir.resolve(name + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        ProcessBuilder builder = KafkaDistribution.java("org.apache.kafka.connect.cli.ConnectDistributed", log,
                List.of(config.toString()));
        builder.environment().putAll(environment);
        process = builder.start();
        ConnectRest rest = rest();
        Await.until(Duration.ofMinutes(2), () -> "worker " + name + " to serve its REST API:\n"
                + KafkaDistribution.tail(currentLog(), 40), () -> !process.isAlive() || rest.ready());
        if (!process.isAlive()) {
            throw new IllegalStateException("worker " + name + " exited with " + process.exitValue() + ":\n" + currentLog());
        }
        return this;
    }

    /** SIGTERM, then waits for the JVM to end (its shutdown hook stops connectors and tasks). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("worker " + name + " did not stop within 2 minutes of SIGTERM:\n"
                    + KafkaDistribution.tail(currentLog(), 40));
        }
    }

    /** SIGKILL: the JVM ends at once, with no shutdown hook, offset commit or group leave. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }

    ConnectWorkerProcess restart() throws IOException, InterruptedException {
        stop();
        return start();
    }

    ConnectWorkerProcess killAndRestart() throws IOException, InterruptedException {
        kill();
        return start();
    }

    ConnectRest rest() {
        return new ConnectRest(URI.create("http://127.0.0.1:" + port));
    }

    /** The worker id Connect reports in statuses. */
    String workerId() {
        return "127.0.0.1:" + port;
    }

    /** Every log this worker wrote, from its first start on. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (Path log : logs) {
            all.append("==== ").append(log.getFileName()).append('\n').append(KafkaDistribution.read(log));
        }
        return all.toString();
    }

    private String currentLog() {
        return logs.isEmpty() ? "" : KafkaDistribution.read(logs.get(logs.size() - 1));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
