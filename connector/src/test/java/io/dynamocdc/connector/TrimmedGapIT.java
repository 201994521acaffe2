package io.dynamocdc.connector;

import static io.dynamocdc.connector.ConnectClusterIT.TABLES;
import static io.dynamocdc.connector.ConnectClusterIT.connect;
import static io.dynamocdc.connector.ConnectClusterIT.connectorProps;
import static io.dynamocdc.connector.ConnectClusterIT.consumeUntilComplete;
import static io.dynamocdc.connector.ConnectClusterIT.createTables;
import static io.dynamocdc.connector.ConnectClusterIT.emulator;
import static io.dynamocdc.connector.ConnectClusterIT.failedTaskTrace;
import static io.dynamocdc.connector.ConnectClusterIT.topics;
import static io.dynamocdc.connector.ConnectClusterIT.write;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connector that was away longer than the stream keeps: its task fails with the promised message.
 * A cluster and emulator of its own, because it moves the emulator's clock a day on.
 */
class TrimmedGapIT {

    @BeforeAll
    static void start() {
        ConnectClusterIT.startCluster();
    }

    @AfterAll
    static void stop() {
        ConnectClusterIT.stopCluster();
    }

    @Test
    void aTrimmedGapFailsTheTaskWithThePromisedMessage() throws Exception {
        String prefix = "trim";
        createTables(prefix);
        connect.configureConnector("dynamo-cdc-trim", connectorProps(prefix, 1));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("dynamo-cdc-trim", 1, "the connector did not start");
        write(prefix, 1, 1, 1);
        consumeUntilComplete(topics(prefix), 1, 1, 60_000);
        // The connector is paused (its task keeps its position in memory) while the stream moves on.
        connect.pauseConnector("dynamo-cdc-trim");
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused("dynamo-cdc-trim", 1, "the connector did not pause");
        write(prefix, 1, 2, 2);
        // Down for 25 hours: version 2 leaves the stream unread.
        emulator.control().advanceClock(java.time.Duration.ofHours(25));
        write(prefix, 1, 3, 3);

        connect.resumeConnector("dynamo-cdc-trim");
        org.apache.kafka.test.TestUtils.waitForCondition(() -> failedTaskTrace("dynamo-cdc-trim") != null, 60_000, "no task failed");
        String trace = failedTaskTrace("dynamo-cdc-trim");
        assertThat(trace).as("a task failed").isNotNull()
                .contains("shard shardId-").contains("older than the stream keeps (24 hours)")
                .contains("trimmed.data.policy=fail");
        connect.deleteConnector("dynamo-cdc-trim");
    }
}
