package io.dynamocdc.connector.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.testkit.witness.MotoServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deployed worker against moto_server, a DynamoDB we did not write, through a clean stop and a kill. */
class DeployedMotoIT {

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static Deployment deployment;
    private static Tables tables;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        deployment = Deployment.start();
        tables = deployment.own(new Tables(MOTO.endpoint()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void everyChangeWrittenToMotoArrivesInOrderAcrossAStopAndAKill() throws Exception {
        String orders = "moto-orders";
        String lines = "moto-lines";
        String name = "moto-connector";
        tables.create(orders, lines);
        ConnectWorkerProcess worker = deployment.worker("moto",
                deployment.workerProperties("moto", "offset.flush.interval.ms", "1000"), Map.of()).start();
        try (ChangeWriter writer = tables.writer(orders, lines, 30, 30)) {
            worker.rest().create(name, Deployment.shippedConnectorConfig(MOTO.endpoint(), "moto", orders + "," + lines,
                    "aws.access.key.id", "testing", "aws.secret.access.key", "testing"), "RUNNING");
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            writer.start();
            RowTopics topics = new RowTopics(deployment, Map.of("moto." + orders, orders, "moto." + lines, lines), false);
            topics.awaitRows(60);
            worker.restart();
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            Deliveries afterStop = topics.read(writer.history());
            assertThat(afterStop.duplicates()).as("changes delivered again after a clean stop").isZero();
            topics.awaitRows(afterStop.rowCount() + 60);
            worker.killAndRestart();
            ConnectChecks.awaitRunning(worker.rest(), name, 2);
            topics.awaitRows(afterStop.rowCount() + 150);
            writer.close();

            Deliveries delivered = topics.awaitAll(writer.history());
            assertThat(delivered.unexpected()).isEmpty();
            assertThat(delivered.outOfOrder()).isEmpty();
            ConnectChecks.assertKeys(delivered, orders, lines);
            assertThat(ConnectChecks.forConnector(deployment.storedOffsets("moto-offsets"), name).keySet()).as("one key per shard")
                    .containsExactlyInAnyOrderElementsOf(tables.offsetKeys(name, orders, lines));
            ConnectChecks.assertCleanLogs(worker.logs());
        } finally {
            worker.close();
        }
    }
}
