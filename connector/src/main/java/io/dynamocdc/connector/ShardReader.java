package io.dynamocdc.connector;

import io.dynamocdc.connector.DynamoDbStreamsSourceConnectorConfig.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads some of a task's shard families on a thread of its own: each shard from its stored offset (or
 * the configured start), parents before children, one GetRecords per ready shard per round. Its records
 * (and heartbeats) go to the task's {@link RecordQueue}; the first failure is handed to the task, which
 * raises it from {@code poll()} once everything read before it has been delivered. Nothing is skipped
 * without a record of it or a failure that says so.
 */
final class ShardReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
    /** Records one round hands over at most, so a reader with many busy shards still shares the queue. */
    static final int MAX_RECORDS_PER_ROUND = 5_000;
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long BASE_BACKOFF_NANOS = Duration.ofMillis(100).toNanos();

    private final DynamoDbStreamsSourceConnectorConfig config;
    private final AwsClients aws;
    private final StreamCatalog catalog;
    private final TaskMetrics metrics;
    private final StoredOffsets storedOffsets;
    private final RecordQueue queue;
    private final Consumer<RuntimeException> failed;
    /** Shards being read, in order; a drained one leaves and its children join. */
    private final Deque<ShardCursor> active = new ConcurrentLinkedDeque<>();
    /** How many shards are open: {@code active} misses the one a round is reading. */
    private final AtomicInteger openShards = new AtomicInteger();
    private final Map<String, String> topics = new HashMap<>();
    /** Each stream's key order, by stream ARN. */
    private final Map<String, KeyOrder> keyOrders = new HashMap<>();
    /** Null when heartbeats are off. */
    private final Heartbeats heartbeats;
    private volatile boolean running = true;

    ShardReader(DynamoDbStreamsSourceConnectorConfig config, AwsClients aws, StreamCatalog catalog, TaskMetrics metrics,
                OffsetStorageReader offsets, RecordQueue queue, Consumer<RuntimeException> failed) {
        this.config = config;
        this.aws = aws;
        this.catalog = catalog;
        this.metrics = metrics;
        this.storedOffsets = new StoredOffsets(offsets);
        this.queue = queue;
        this.failed = failed;
        this.heartbeats = config.heartbeatInterval()
                .map(interval -> new Heartbeats(config.heartbeatTopic(), interval, System.nanoTime())).orElse(null);
    }

    /** Shards this reader has open (or waiting for children), for the metrics. */
    int activeShards() {
        return openShards.get();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                List<SourceRecord> records = new ArrayList<>();
                long waitNanos = round(records);
                if (!records.isEmpty()) {
                    queue.put(records);
                } else if (waitNanos > 0) {
                    Thread.sleep(Math.max(1, waitNanos / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the task is stopping
        } catch (RuntimeException e) {
            if (running) {
                failed.accept(e);
            } // else the task stopped it mid-call (an aborted request): nothing of that call was handed over
        } catch (Error e) {
            failed.accept(new ConnectException("a dynamo-cdc shard reader failed: " + e, e));
            throw e;
        }
    }

    /** Reads every ready shard once (and sends due heartbeats); the time to wait when nothing came. */
    long round(List<SourceRecord> records) {
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        int round = active.size();
        for (int i = 0; i < round && records.size() < MAX_RECORDS_PER_ROUND; i++) {
            ShardCursor cursor = active.poll();
            if (cursor == null) {
                break;
            }
            if (cursor.nextReadAtNanos > now) {
                active.add(cursor);
                earliest = Math.min(earliest, cursor.nextReadAtNanos);
                continue;
            }
            boolean keep = cursor.awaitingChildren ? awaitChildren(cursor) : read(cursor, records);
            if (keep) {
                active.add(cursor);
                earliest = Math.min(earliest, cursor.nextReadAtNanos);
            } else {
                openShards.decrementAndGet();
            }
        }
        if (heartbeats != null && heartbeats.due(now)) {
            heartbeats.emit(active, now, System.currentTimeMillis(), records);
        }
        if (heartbeats != null) {
            earliest = Math.min(earliest, heartbeats.nextAtNanos());
        }
        long pollInterval = config.pollInterval().toNanos();
        return earliest == Long.MAX_VALUE ? pollInterval : Math.min(earliest - System.nanoTime(), pollInterval);
    }

    /** A family's shards by id and their children, for walking it from the root. */
    record Lineage(String root, Map<String, List<String>> children, Map<String, Shard> byId) {
        List<String> childrenOf(String shardId) {
            return children.getOrDefault(shardId, List.of());
        }
    }

    /**
     * Starts a family: on a first start (no offset in it) at the root, where the configuration says;
     * otherwise each shard continues after its stored offset, and shards without one are read from their
     * beginning, skipping what the family's original start left out.
     */
    void startFamily(TaskAssignment.StreamFamilies stream, Lineage lineage, KeyOrder keyOrder) {
        keyOrders.put(stream.streamArn(), keyOrder);
        Map<String, Map<String, Object>> offsets = storedOffsets.of(stream.streamArn(),
                ShardFamilies.family(lineage.root(), lineage.children()));
        boolean firstStart = offsets.isEmpty();
        Instant skipBefore = firstStart
                ? (config.startPosition() == StartPosition.AT_TIMESTAMP ? config.startTimestamp().orElseThrow() : null)
                : offsets.values().stream().map(ShardReader::deliverFrom).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null);
        resume(stream, lineage, lineage.root(), offsets, firstStart, skipBefore);
    }

    /**
     * Opens a shard where it stands. A shard whose descendants have an offset was finished, with or without
     * an offset of its own (children are read only after their parent is drained), so its children are
     * resumed in its place: reopening it would read nothing new, and once its records are trimmed it would
     * look like a gap.
     */
    private void resume(TaskAssignment.StreamFamilies stream, Lineage lineage, String shardId,
                        Map<String, Map<String, Object>> offsets, boolean firstStart, Instant skipBefore) {
        Map<String, Object> offset = offsets.get(shardId);
        if (!firstStart && descendantHasOffset(lineage, shardId, offsets)) {
            for (String child : lineage.childrenOf(shardId)) {
                resume(stream, lineage, child, offsets, false, skipBefore);
            }
            return;
        }
        openShard(stream.table(), stream.streamArn(), lineage.byId().get(shardId), offset, firstStart, skipBefore);
    }

    private static boolean descendantHasOffset(Lineage lineage, String shardId, Map<String, Map<String, Object>> offsets) {
        return ShardFamilies.family(shardId, lineage.children()).stream().skip(1).anyMatch(offsets::containsKey);
    }

    private static Instant deliverFrom(Map<String, Object> offset) {
        return offset != null && offset.get(OffsetKeys.DELIVER_FROM) instanceof Number millis
                ? Instant.ofEpochMilli(millis.longValue()) : null;
    }

    private void openShard(String table, String streamArn, Shard shard, Map<String, Object> offset, boolean firstStart,
                           Instant skipBefore) {
        StartPosition start = firstStart ? config.startPosition() : StartPosition.TRIM_HORIZON;
        Instant stored = deliverFrom(offset);
        ShardCursor cursor = new ShardCursor(table, streamArn, shard.shardId(), keyOrders.getOrDefault(streamArn, KeyOrder.AS_READ),
                stored != null ? stored : skipBefore);
        if (offset != null && offset.get(OffsetKeys.SEQUENCE_NUMBER) != null) {
            cursor.lastSequenceNumber = offset.get(OffsetKeys.SEQUENCE_NUMBER).toString();
            Object time = offset.get(OffsetKeys.CHANGE_TIME);
            cursor.lastChangeSeconds = time instanceof Number number ? number.longValue() : -1;
            cursor.iterator = iteratorAfter(cursor);
        } else if (start == StartPosition.LATEST) {
            if (shard.sequenceNumberRange().endingSequenceNumber() != null) {
                // Closed before we started: it holds nothing "from now on"; its children carry on.
                if (!openChildren(cursor, true)) {
                    cursor.awaitingChildren = true;
                    open(cursor);
                }
                return;
            }
            GetShardIteratorResponse latest = iteratorResponse(cursor, ShardIteratorType.LATEST, null);
            // "From now on" as a time too, so a restart before the first change can resume from TRIM_HORIZON
            // without delivering older changes. The service's clock stamps the records, so its Date header
            // sets the bound (a second back, as the header has whole seconds).
            cursor.skipBefore = serviceTime(latest).minusSeconds(1);
            cursor.iterator = latest.shardIterator();
        } else {
            cursor.iterator = iterator(cursor, ShardIteratorType.TRIM_HORIZON, null);
        }
        open(cursor);
    }

    private void open(ShardCursor cursor) {
        active.add(cursor);
        openShards.incrementAndGet();
    }

    /** The service's time from a response's Date header; without one, ours less the 5 minutes of skew SigV4 allows. */
    static Instant serviceTime(GetShardIteratorResponse response) {
        return response.sdkHttpResponse().firstMatchingHeader("Date").flatMap(ShardReader::httpDate)
                .orElseGet(() -> Instant.now().minus(Duration.ofMinutes(5)));
    }

    private static Optional<Instant> httpDate(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String iteratorAfter(ShardCursor cursor) {
        try {
            return iterator(cursor, ShardIteratorType.AFTER_SEQUENCE_NUMBER, cursor.lastSequenceNumber);
        } catch (TrimmedDataAccessException e) {
            throw trimmedGap(cursor);
        }
    }

    private String iterator(ShardCursor cursor, ShardIteratorType type, String sequenceNumber) {
        return iteratorResponse(cursor, type, sequenceNumber).shardIterator();
    }

    private GetShardIteratorResponse iteratorResponse(ShardCursor cursor, ShardIteratorType type, String sequenceNumber) {
        try {
            return aws.streams.getShardIterator(b -> b.streamArn(cursor.streamArn).shardId(cursor.shardId)
                    .shardIteratorType(type).sequenceNumber(sequenceNumber));
        } catch (TrimmedDataAccessException e) {
            throw e;
        } catch (ResourceNotFoundException e) {
            throw new ConnectException("shard " + cursor.shardId + " of table " + cursor.table + " (stream " + cursor.streamArn
                    + ") no longer exists: the stream was disabled or the table deleted more than 24 hours ago, or the shard expired"
                    + (cursor.lastSequenceNumber == null ? "" : "; the last change delivered from it was sequence number "
                    + cursor.lastSequenceNumber), e);
        } catch (AwsServiceException e) {
            throw StreamCatalog.awsError("get a shard iterator for " + cursor.shardId + " of table " + cursor.table, e);
        }
    }

    /** The failure trimmed.data.policy=fail asks for: what was lost, from when to when. */
    private ConnectException trimmedGap(ShardCursor cursor) {
        String lostFrom = cursor.lastChangeSeconds >= 0 ? Instant.ofEpochSecond(cursor.lastChangeSeconds).toString() : "an unknown time";
        String lostUntil = "the oldest change the shard still keeps";
        try {
            String horizon = iterator(cursor, ShardIteratorType.TRIM_HORIZON, null);
            GetRecordsResponse first = aws.streams.getRecords(b -> b.shardIterator(horizon).limit(1));
            if (first.hasRecords() && !first.records().isEmpty()) {
                lostUntil = first.records().get(0).dynamodb().approximateCreationDateTime().toString();
            }
        } catch (RuntimeException ignored) {
            // the message says less, but still fails
        }
        return new ConnectException("table " + cursor.table + ", shard " + cursor.shardId + ": the stored position (after sequence "
                + "number " + cursor.lastSequenceNumber + ") is older than the stream keeps (24 hours). Changes after " + lostFrom
                + " until " + lostUntil + " are no longer in the stream and would be lost; trimmed.data.policy=fail stops here "
                + "rather than skip them. Recover by re-reading the table (snapshot) or by resetting this connector's offsets.");
    }

    /** One GetRecords on one shard; false when the shard is done (its children have been opened). */
    private boolean read(ShardCursor cursor, List<SourceRecord> into) {
        WireGetRecords.Answer response;
        TaskMetrics.Shard shardMetrics = metrics.shard(cursor.table, cursor.shardId);
        shardMetrics.called();
        try {
            String iterator = cursor.iterator;
            response = WireGetRecords.getRecords(aws.streams, iterator, config.getRecordsLimit(), cursor.streamArn, cursor.keyOrder);
            cursor.throttledInARow = 0;
        } catch (ExpiredIteratorException e) {
            cursor.iterator = cursor.lastSequenceNumber != null ? iteratorAfter(cursor)
                    : iterator(cursor, ShardIteratorType.TRIM_HORIZON, null);
            return true;
        } catch (LimitExceededException e) {
            shardMetrics.throttled();
            backOff(cursor);
            return true;
        } catch (TrimmedDataAccessException e) {
            if (cursor.lastSequenceNumber == null) {
                cursor.iterator = iterator(cursor, ShardIteratorType.TRIM_HORIZON, null);
                return true;
            }
            throw trimmedGap(cursor);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                if (e.isThrottlingException()) {
                    shardMetrics.throttled();
                }
                backOff(cursor);
                return true;
            }
            throw StreamCatalog.awsError("read shard " + cursor.shardId + " of table " + cursor.table, e);
        } catch (SdkClientException e) {
            if (!running) {
                // The task is stopping and interrupted the call: not a failure. The cursor stays where it
                // was, so nothing of this call is delivered now, and a restart reads it from the offset.
                return true;
            }
            LOG.warn("dynamo-cdc: reading shard {} of {} failed ({}); retrying after a pause", cursor.shardId, cursor.table,
                    e.getMessage());
            backOff(cursor);
            return true;
        }
        for (ChangeRecord record : response.records()) {
            cursor.lastSequenceNumber = record.sequenceNumber();
            Instant changed = record.changed();
            cursor.lastChangeSeconds = changed == null ? cursor.lastChangeSeconds : changed.getEpochSecond();
            if (cursor.skipBefore != null && changed != null && changed.isBefore(cursor.skipBefore)) {
                continue;
            }
            into.add(toSourceRecord(cursor, record));
            cursor.deliveredSinceHeartbeat = true;
        }
        long newest = cursor.lastChangeSeconds < 0 ? -1 : cursor.lastChangeSeconds * 1000;
        shardMetrics.read(response.records().size(), newest);
        if (response.nextShardIterator() == null) {
            // Its children are opened on the next round, after these records are handed over: a disabled
            // stream's error must not take them along.
            metrics.drained(cursor.table, cursor.shardId);
            cursor.awaitingChildren = true;
            cursor.nextReadAtNanos = 0;
            return true;
        }
        cursor.iterator = response.nextShardIterator();
        long wait = response.records().isEmpty() ? config.pollInterval().toNanos() : 0;
        cursor.nextReadAtNanos = System.nanoTime() + Math.max(wait, config.shardReadMinInterval().toNanos());
        return true;
    }

    /** True while a drained shard still waits for its children; they are opened once they appear. */
    private boolean awaitChildren(ShardCursor cursor) {
        if (openChildren(cursor, false)) {
            return false;
        }
        cursor.nextReadAtNanos = System.nanoTime() + config.pollInterval().toNanos();
        return true;
    }

    /** Exponential backoff with full jitter, per shard, so a throttled shard does not hold up the others. */
    private void backOff(ShardCursor cursor) {
        cursor.throttledInARow = Math.min(cursor.throttledInARow + 1, 20);
        long ceiling = Math.min(MAX_BACKOFF_NANOS, BASE_BACKOFF_NANOS << Math.min(cursor.throttledInARow, 10));
        cursor.nextReadAtNanos = System.nanoTime() + ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    /**
     * A drained shard hands over to its children: read from their beginning, or from LATEST when the
     * parent was closed before a LATEST first start; an AT_TIMESTAMP start's skipping carries on.
     */
    private boolean openChildren(ShardCursor parent, boolean latestToo) {
        List<Shard> shards = catalog.shards(parent.streamArn);
        boolean found = false;
        for (Shard shard : shards) {
            if (parent.shardId.equals(shard.parentShardId())) {
                Map<String, Object> offset = storedOffsets.of(parent.streamArn, shard.shardId());
                openShard(parent.table, parent.streamArn, shard, offset, latestToo, parent.skipBefore);
                found = true;
            }
        }
        if (!found && !catalog.isEnabled(parent.streamArn)) {
            throw new ConnectException("the stream of table " + parent.table + " (" + parent.streamArn + ") was disabled, or the "
                    + "table deleted: every change it holds was delivered (the last: sequence number "
                    + parent.lastSequenceNumber + "). A new stream has a new ARN; enable it and restart the connector to "
                    + "read it, or leave the table out (table.exclude.list).");
        }
        // Open and closed shards alike: children appear when a shard closes, so an enabled stream gets them soon.
        return found;
    }

    private SourceRecord toSourceRecord(ShardCursor cursor, ChangeRecord record) {
        Map<String, Object> offset = cursor.offset();
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("dynamodb.table", cursor.table);
        headers.addString("dynamodb.shard.id", cursor.shardId);
        headers.addString("dynamodb.sequence.number", record.sequenceNumber());
        Instant changed = record.changed();
        return new SourceRecord(cursor.sourcePartition(), offset, topics.computeIfAbsent(cursor.table, config::topicFor), null,
                null, record.key(), null, record.value(), changed == null ? null : changed.toEpochMilli(), headers);
    }

}
