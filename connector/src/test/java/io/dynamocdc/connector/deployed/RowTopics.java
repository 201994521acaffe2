package io.dynamocdc.connector.deployed;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The row topics of one connector (topic → table), read as a consumer would, to wait for and check deliveries. */
final class RowTopics {

    private final Deployment deployment;
    private final Map<String, String> tableByTopic;
    private final boolean readCommitted;

    /**
     * @param readCommitted read as a {@code read_committed} consumer (what exactly-once promises) or not
     */
    RowTopics(Deployment deployment, Map<String, String> tableByTopic, boolean readCommitted) {
        this.deployment = deployment;
        this.tableByTopic = tableByTopic;
        this.readCommitted = readCommitted;
    }

    /** Waits until the topics hold at least this many rows. */
    void awaitRows(int atLeast) {
        Await.until(Duration.ofMinutes(2), "at least " + atLeast + " rows in " + tableByTopic.keySet(),
                () -> TopicReader.exist(deployment.broker, tableByTopic.keySet()) && read(Map.of()).rowCount() >= atLeast);
    }

    /** What the topics hold now, against what was written. */
    Deliveries read(Map<String, List<ChangeWriter.Change>> written) {
        return new Deliveries(written, Deliveries.rows(TopicReader.readAll(deployment.broker.bootstrapServers(),
                tableByTopic.keySet(), readCommitted), tableByTopic));
    }

    /** Waits until every change written has arrived; what the topics then hold. */
    Deliveries awaitAll(Map<String, List<ChangeWriter.Change>> written) {
        Deliveries[] last = new Deliveries[1];
        Await.until(Duration.ofMinutes(2), () -> "every change written: " + last[0].summary() + "; missing, first few: "
                + last[0].missing().entrySet().stream().limit(5).toList(), () -> {
                    last[0] = read(written);
                    return last[0].missing().isEmpty();
                });
        return last[0];
    }
}
