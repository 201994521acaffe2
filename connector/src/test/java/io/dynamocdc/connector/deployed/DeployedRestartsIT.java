package io.dynamocdc.connector.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.testkit.DynamoDbEmulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workers in JVMs of their own, killed (SIGKILL) and stopped (SIGTERM) while an application keeps writing,
 * restarted in fresh JVMs: exactly once under {@code read_committed}, LATEST with heartbeats, and a
 * two-worker group losing a member.
 */
class DeployedRestartsIT {

    private static final String KEY = "AKIDSTATIC";

    private static Deployment deployment;
    private static DynamoDbEmulator emulator;
    private static Tables tables;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        deployment = Deployment.start();
        emulator = deployment.own(DynamoDbEmulator.start());
        tables = deployment.own(new Tables(emulator.endpoint()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (deployment != null) {
            deployment.close();
        }
    }

    private static Map<String, String> connector(String prefix, String orders, String lines, String... extra) {
        Map<String, String> config = Deployment.shippedConnectorConfig(emulator.endpoint(), prefix, orders + "," + lines,
                "aws.access.key.id", KEY, "aws.secret.access.key", "static-secret");
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return config;
    }

    @Test
    void withExactlyOnceEachChangeIsReadOnceAcrossKillsAndStops() throws Exception {
        String orders = "eos-orders";
        String lines = "eos-lines";
        String name = "eos-connector";
        tables.create(orders, lines);
        ConnectWorkerProcess worker = deployment.worker("eos",
                deployment.workerProperties("eos", "exactly.once.source.support", "enabled"), Map.of()).start();
        try (ChangeWriter writer = tables.writer(orders, lines, 40, 60)) {
            worker.rest().create(name, connector("eos", orders, lines, "exactly.once.support", "required"), "RUNNING");
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            writer.start();
            RowTopics topics = new RowTopics(deployment, Map.of("eos." + orders, orders, "eos." + lines, lines), true);
            topics.awaitRows(100);
            worker.killAndRestart();
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            topics.awaitRows(250);
            worker.restart();
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            topics.awaitRows(400);
            worker.killAndRestart();
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            topics.awaitRows(550);
            writer.close();

            Deliveries delivered = topics.awaitAll(writer.history());
            assertThat(delivered.duplicates()).as("changes a read_committed consumer sees twice").isZero();
            assertThat(delivered.unexpected()).isEmpty();
            assertThat(delivered.outOfOrder()).isEmpty();
            ConnectChecks.assertKeys(delivered, orders, lines);
            assertThat(ConnectChecks.forConnector(deployment.storedOffsets("eos-offsets"), name).keySet()).as("one key per shard")
                    .containsExactlyInAnyOrderElementsOf(tables.offsetKeys(name, orders, lines));
            ConnectChecks.assertCleanLogs(worker.logs());
        } finally {
            worker.close();
        }
    }

    @Test
    void latestWithHeartbeatsLosesNothingWrittenWhileTheWorkerIsDown() throws Exception {
        String orders = "latest-orders";
        String lines = "latest-lines";
        String name = "latest-connector";
        tables.create(orders, lines);
        ConnectWorkerProcess worker = deployment.worker("latest",
                deployment.workerProperties("latest", "offset.flush.interval.ms", "1000"), Map.of()).start();
        try (ChangeWriter writer = tables.writer(orders, lines, 40, 60)) {
            writer.write(40); // before the connector's start: LATEST leaves these out, before and after restarts
            Map<String, List<ChangeWriter.Change>> before = writer.history();
            // The stream's clock moves on, so "from now on" is clearly after them (LATEST's bound has whole seconds).
            emulator.control().advanceClock(Duration.ofSeconds(5));
            worker.rest().create(name, connector("latest", orders, lines, "stream.start.position", "LATEST",
                    "heartbeat.interval.ms", "500"), "RUNNING");
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            List<String> keys = tables.offsetKeys(name, orders, lines);
            Await.until(Duration.ofMinutes(1), "the shards' start positions committed (heartbeats)",
                    () -> ConnectChecks.forConnector(deployment.storedOffsets("latest-offsets"), name).keySet().containsAll(keys));

            writer.start();
            RowTopics topics = new RowTopics(deployment, Map.of("latest." + orders, orders, "latest." + lines, lines), false);
            topics.awaitRows(100);
            worker.stop(); // the application goes on writing while no worker runs
            worker.start();
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            topics.awaitRows(250);
            worker.killAndRestart();
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            topics.awaitRows(400);
            writer.close();

            Deliveries delivered = topics.awaitAll(after(writer.history(), before));
            assertThat(delivered.unexpected()).as("changes from before the LATEST start").isEmpty();
            assertThat(delivered.outOfOrder()).isEmpty();
            assertThat(ConnectChecks.forConnector(deployment.storedOffsets("latest-offsets"), name).keySet()).as("one key per shard")
                    .containsExactlyInAnyOrderElementsOf(keys);
            ConnectChecks.assertCleanLogs(worker.logs());
        } finally {
            worker.close();
        }
    }

    @Test
    void whenOneOfTwoWorkersIsKilledItsTasksMoveAndNothingIsLost() throws Exception {
        String orders = "pair-orders";
        String lines = "pair-lines";
        String name = "pair-connector";
        tables.create(orders, lines);
        // A killed worker's tasks wait scheduled.rebalance.max.delay.ms (5 minutes by default) for it to come back.
        Map<String, String> properties = deployment.workerProperties("pair", "offset.flush.interval.ms", "1000",
                "scheduled.rebalance.max.delay.ms", "2000");
        ConnectWorkerProcess first = deployment.worker("pair-a", properties, Map.of()).start();
        ConnectWorkerProcess second = deployment.worker("pair-b", properties, Map.of()).start();
        try (ChangeWriter writer = tables.writer(orders, lines, 40, 60)) {
            first.rest().create(name, connector("pair", orders, lines), "RUNNING");
            JsonNode status = ConnectChecks.awaitRunning(first.rest(), name, 2);
            ConnectWorkerProcess victim = hostsATask(status, second) ? second : first;
            ConnectWorkerProcess survivor = victim == first ? second : first;

            writer.start();
            RowTopics topics = new RowTopics(deployment, Map.of("pair." + orders, orders, "pair." + lines, lines), false);
            topics.awaitRows(150);
            victim.kill();
            Await.until(Duration.ofMinutes(2), () -> "both tasks running on " + survivor.workerId() + ": "
                    + survivor.rest().status(name), () -> {
                        JsonNode now = survivor.rest().status(name);
                        List<String> where = new ArrayList<>();
                        if (now != null) {
                            now.path("tasks").forEach(task -> where.add(task.path("state").asText() + "@" + task.path("worker_id").asText()));
                        }
                        return where.size() == 2 && where.stream().allMatch(("RUNNING@" + survivor.workerId())::equals);
                    });
            topics.awaitRows(400);
            writer.close();

            Deliveries delivered = topics.awaitAll(writer.history());
            assertThat(delivered.unexpected()).isEmpty();
            assertThat(delivered.outOfOrder()).isEmpty();
            // At least once: what the killed worker sent after its last offset commit may come again.
            System.out.println("pair: " + delivered.summary());
            ConnectChecks.assertCleanLogs(first.logs() + second.logs());
        } finally {
            first.close();
            second.close();
        }
    }

    private static boolean hostsATask(JsonNode status, ConnectWorkerProcess worker) {
        List<String> hosts = new ArrayList<>();
        status.path("tasks").forEach(task -> hosts.add(task.path("worker_id").asText()));
        return hosts.contains(worker.workerId());
    }

    /** The changes of {@code all} that {@code before} does not hold. */
    private static Map<String, List<ChangeWriter.Change>> after(Map<String, List<ChangeWriter.Change>> all,
                                                                Map<String, List<ChangeWriter.Change>> before) {
        Map<String, List<ChangeWriter.Change>> later = new LinkedHashMap<>();
        all.forEach((id, changes) -> later.put(id, changes.subList(before.getOrDefault(id, List.of()).size(), changes.size())));
        return later;
    }
}
