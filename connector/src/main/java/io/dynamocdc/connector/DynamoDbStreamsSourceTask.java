package io.dynamocdc.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * Reads the shard families it is given with up to {@code shard.reader.threads} {@link ShardReader}s, each
 * on its own thread with its own families, so GetRecords calls on different shards overlap (each waits
 * on the network) and the worker's thread only converts and sends. {@code poll()} hands over what the
 * readers queued; a reader's failure is raised once everything read before it has been handed over.
 */
public final class DynamoDbStreamsSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamsSourceTask.class);
    /** Set by the connector in each task's configuration, for metric names. */
    static final String TASK_ID = "task.id";
    private static final int MAX_RECORDS_PER_POLL = 5_000;
    /** Records read ahead of the worker at most (a few GetRecords pages per reader). */
    private static final int QUEUE_CAPACITY = 20_000;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private DynamoDbStreamsSourceConnectorConfig config;
    private AwsClients aws;
    private TaskMetrics metrics;
    private final List<ShardReader> readers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final RecordQueue queue = new RecordQueue(QUEUE_CAPACITY);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new DynamoDbStreamsSourceConnectorConfig(props);
        aws = new AwsClients(config);
        StreamCatalog catalog = new StreamCatalog(aws, config);
        TaskAssignment assignment = TaskAssignment.decode(props.get(TaskAssignment.CONFIG));
        int families = assignment.streams().stream().mapToInt(stream -> stream.roots().size()).sum();
        String taskId = props.getOrDefault(TASK_ID, "0");
        String connectorName = props.getOrDefault("name", "dynamo-cdc");
        metrics = new TaskMetrics(connectorName, taskId, families,
                () -> readers.stream().mapToInt(ShardReader::activeShards).sum());
        int readerCount = Math.max(1, Math.min(config.shardReaderThreads(), families));
        for (int i = 0; i < readerCount; i++) {
            readers.add(new ShardReader(config, aws, catalog, metrics, context.offsetStorageReader(), queue, this::failed));
        }
        // Families go round-robin to the readers; a family stays with one reader, so parents come before children.
        int next = 0;
        for (TaskAssignment.StreamFamilies stream : assignment.streams()) {
            List<Shard> shards = catalog.shards(stream.streamArn());
            KeyOrder keyOrder = catalog.keyOrder(stream.table(), stream.streamArn());
            Map<String, List<String>> children = ShardFamilies.children(shards);
            Map<String, Shard> byId = new HashMap<>();
            shards.forEach(shard -> byId.put(shard.shardId(), shard));
            for (String root : stream.roots()) {
                readers.get(next++ % readerCount).startFamily(stream, new ShardReader.Lineage(root, children, byId), keyOrder);
            }
        }
        // Counted before the readers start: a reader's round takes shards out of its list while it reads them.
        int opened = readers.stream().mapToInt(ShardReader::activeShards).sum();
        for (int i = 0; i < readerCount; i++) {
            Thread thread = new Thread(readers.get(i), "dynamo-cdc-reader-" + connectorName + "-" + taskId + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        LOG.info("dynamo-cdc task {} of {}: {} shard famil{} assigned, {} shard(s) open to read (a family's finished shards "
                + "are not reopened; its children open as their parents finish), {} reader thread(s)",
                taskId, connectorName, families, families == 1 ? "y" : "ies", opened, readerCount);
    }

    private void failed(RuntimeException e) {
        failure.compareAndSet(null, e);
        readers.forEach(ShardReader::stop);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = queue.take(Math.max(1, config.pollInterval().toMillis()), MAX_RECORDS_PER_POLL);
        if (records == null) {
            RuntimeException failed = failure.get();
            if (failed != null) {
                throw failed;
            }
        }
        return records;
    }

    @Override
    public void stop() {
        // Connect calls this after its last poll and final offset commit: whatever the readers still hold or
        // are reading was never delivered, so it is dropped here and read again from the offset next time.
        readers.forEach(ShardReader::stop);
        queue.close();
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (metrics != null) {
            metrics.close();
        }
        if (aws != null) {
            aws.close();
        }
    }
}
