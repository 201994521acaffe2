package io.dynamocdc.connector;

import static io.dynamocdc.connector.ConnectClusterIT.TABLES;
import static io.dynamocdc.connector.ConnectClusterIT.connect;
import static io.dynamocdc.connector.ConnectClusterIT.connectorProps;
import static io.dynamocdc.connector.ConnectClusterIT.createTables;
import static io.dynamocdc.connector.ConnectClusterIT.emulator;
import static io.dynamocdc.connector.ConnectClusterIT.failedTaskTrace;
import static io.dynamocdc.connector.ConnectClusterIT.topics;
import static io.dynamocdc.connector.ConnectClusterIT.versionsByKey;
import static io.dynamocdc.connector.ConnectClusterIT.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.testkit.Fault;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once delivery (KIP-618) in Kafka's in-JVM cluster: workers with
 * {@code exactly.once.source.support=enabled}, the connector with {@code exactly.once.support=required}, and
 * consumers reading committed records only. A task that fails mid-transaction must leave nothing visible
 * twice: its open transaction is aborted, and its restart resumes from the offsets committed with the
 * records.
 */
class ExactlyOnceIT {

    private static final String NAME = "dynamo-cdc-eos";

    @BeforeAll
    static void start() {
        Properties broker = new Properties();
        // one broker: the transaction log cannot have more replicas
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        ConnectClusterIT.startCluster(Map.of("exactly.once.source.support", "enabled"), broker);
    }

    @AfterAll
    static void stop() {
        ConnectClusterIT.stopCluster();
    }

    @Test
    void theConnectorDeclaresExactlyOnceButLeavesTransactionBoundariesToTheWorker() {
        Map<String, String> props = connectorProps("eosvalid", 1);
        props.put("exactly.once.support", "required");
        assertThat(errors(connect.validateConnectorConfig(DynamoDbStreamsSourceConnector.class.getSimpleName(), props),
                "exactly.once.support")).isEmpty();

        props.put("transaction.boundary", "connector");
        assertThat(errors(connect.validateConnectorConfig(DynamoDbStreamsSourceConnector.class.getSimpleName(), props),
                "transaction.boundary")).isNotEmpty();
    }

    @Test
    void aTaskFailingMidTransactionIsRestartedAndEveryChangeIsCommittedExactlyOnce() throws Exception {
        String prefix = "eos";
        // One long transaction: only the task's failure, pause or stop ends it, so the failure below
        // certainly hits records sent but not committed.
        startExactlyOnce(prefix, NAME, Map.of("transaction.boundary", "interval", "transaction.boundary.interval.ms", "600000",
                "producer.override.transaction.timeout.ms", "900000"));

        int keys = 100;
        int firstPhase = write(prefix, keys, 1, 5);
        // every change of the first phase is in the topics, inside the open transaction
        ConnectClusterIT.consumeUntilComplete(topics(prefix), keys, 5, 120_000);

        // The task fails with its transaction open. Its restart fences the failed instance's producer
        // (aborting that transaction) and resumes from the last committed offsets: here, from the start
        // of every shard.
        failAndRestart(NAME);
        int secondPhase = write(prefix, keys, 6, 10);
        ConnectClusterIT.consumeUntilComplete(topics(prefix), keys, 10, 120_000);
        // pausing ends the transaction with a commit
        connect.pauseConnector(NAME);
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused(NAME, 1, "the connector did not pause");

        ConsumerRecords<byte[], byte[]> committed = connect.kafka().consumeAll(60_000,
                Map.of("isolation.level", "read_committed"), null, topics(prefix));
        Map<String, List<Integer>> byKey = versionsByKey(committed);
        assertThat(byKey).hasSize(TABLES.size() * keys);
        byKey.forEach((key, versions) -> assertThat(versions).as(key).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertThat(committed.count()).as("committed records").isEqualTo(firstPhase + secondPhase);

        // The aborted first delivery is still in the log, where only an uncommitted read sees it.
        ConsumerRecords<byte[], byte[]> everything = connect.kafka().consumeAll(60_000,
                Map.of("isolation.level", "read_uncommitted"), null, topics(prefix));
        assertThat(everything.count()).as("records in the log, aborted ones included").isEqualTo(2 * firstPhase + secondPhase);
        connect.deleteConnector(NAME);
    }

    @Test
    void withPollBoundariesARestartedTaskResumesStrictlyAfterTheCommittedOffsets() throws Exception {
        String prefix = "eospoll";
        String name = "dynamo-cdc-eos-poll";
        startExactlyOnce(prefix, name, Map.of("transaction.boundary", "poll"));

        int keys = 100;
        int firstPhase = write(prefix, keys, 1, 5);
        // committed, records and offsets alike, before the failure
        ConnectClusterIT.consumeUntilComplete(topics(prefix), keys, 5, 120_000, "read_committed");

        failAndRestart(name);
        int secondPhase = write(prefix, keys, 6, 10);
        ConnectClusterIT.consumeUntilComplete(topics(prefix), keys, 10, 120_000, "read_committed");
        connect.pauseConnector(name);
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused(name, 1, "the connector did not pause");

        // everything in the topics, to their ends: each change once, in key order
        ConsumerRecords<byte[], byte[]> all = connect.kafka().consumeAll(60_000, Map.of("isolation.level", "read_committed"), null,
                topics(prefix));
        Map<String, List<Integer>> byKey = versionsByKey(all);
        assertThat(byKey).hasSize(TABLES.size() * keys);
        byKey.forEach((key, versions) -> assertThat(versions).as(key).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertThat(all.count()).as("records in the topics").isEqualTo(firstPhase + secondPhase);
        connect.deleteConnector(name);
    }

    /** Three tables and a one-task connector that requires exactly-once support, with these settings. */
    private static void startExactlyOnce(String prefix, String name, Map<String, String> transactions) throws InterruptedException {
        createTables(prefix);
        Map<String, String> props = connectorProps(prefix, 1);
        props.put("exactly.once.support", "required");
        props.putAll(transactions);
        connect.configureConnector(name, props);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the connector did not start");
    }

    /** The task's permission to read the stream is withdrawn, so it fails; then it is given back and the task restarted. */
    private static void failAndRestart(String name) throws InterruptedException {
        emulator.control().addFault(Fault.on("GetRecords").accessDenied().build());
        TestUtils.waitForCondition(() -> failedTaskTrace(name) != null, 60_000, "the task did not fail");
        assertThat(failedTaskTrace(name)).contains("AccessDeniedException").contains("GetRecords");
        emulator.control().clearFaults();
        connect.restartTask(name, 0);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the task did not restart");
    }

    private static List<String> errors(ConfigInfos infos, String key) {
        return infos.values().stream().map(ConfigInfo::configValue).filter(value -> value.name().equals(key))
                .flatMap(value -> value.errors().stream()).toList();
    }
}
