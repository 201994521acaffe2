package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The heartbeat rule and the queue between shard readers and poll(), without threads of a task. */
class HeartbeatsAndQueueTest {

    private static final String ARN = "arn:aws:dynamodb:eu-west-1:1:table/orders/stream/2025-11-01T00:00:00.000";

    private static ShardCursor cursor(String shard, String lastSequence, Instant skipBefore) {
        ShardCursor cursor = new ShardCursor("orders", ARN, shard, KeyOrder.AS_READ, skipBefore);
        cursor.lastSequenceNumber = lastSequence;
        cursor.lastChangeSeconds = lastSequence == null ? -1 : 1_762_000_000L;
        return cursor;
    }

    @Test
    void heartbeatsGoOnlyForShardsThatDeliveredNothingSinceTheLastRoundAndHaveAPosition() {
        Heartbeats heartbeats = new Heartbeats("__dynamo-cdc-heartbeat.cdc", Duration.ofSeconds(5), 0);
        ShardCursor busy = cursor("shardId-busy", "100", null);
        busy.deliveredSinceHeartbeat = true;
        ShardCursor idle = cursor("shardId-idle", "200", null);
        ShardCursor latest = cursor("shardId-latest", null, Instant.parse("2025-11-01T00:00:59Z"));
        ShardCursor fromStart = cursor("shardId-unread", null, null);
        List<ShardCursor> cursors = List.of(busy, idle, latest, fromStart);

        assertThat(heartbeats.due(Duration.ofSeconds(4).toNanos())).isFalse();
        assertThat(heartbeats.due(Duration.ofSeconds(5).toNanos())).isTrue();
        List<SourceRecord> first = new ArrayList<>();
        heartbeats.emit(cursors, Duration.ofSeconds(5).toNanos(), 1_000L, first);
        assertThat(first).extracting(r -> (Object) r.sourcePartition().get("shard_id")).containsExactly("shardId-idle", "shardId-latest");
        assertThat(first.get(0).sourceOffset()).isEqualTo(Map.of("sequence_number", "200", "change_time", 1_762_000_000L));
        assertThat(first.get(1).sourceOffset()).isEqualTo(Map.of("deliver_from", Instant.parse("2025-11-01T00:00:59Z").toEpochMilli()));
        assertThat(first).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("__dynamo-cdc-heartbeat.cdc");
            assertThat(r.headers().lastWithName(Heartbeats.HEADER).value()).isEqualTo(true);
            assertThat(r.timestamp()).isEqualTo(1_000L);
        });

        // the next interval: the busy shard delivered nothing since, so it has its heartbeat now
        assertThat(heartbeats.due(Duration.ofSeconds(9).toNanos())).isFalse();
        List<SourceRecord> second = new ArrayList<>();
        heartbeats.emit(cursors, Duration.ofSeconds(10).toNanos(), 2_000L, second);
        assertThat(second).extracting(r -> (Object) r.sourcePartition().get("shard_id"))
                .containsExactly("shardId-busy", "shardId-idle", "shardId-latest");
    }

    private static List<SourceRecord> batch(int size) {
        return new ArrayList<>(Collections.nCopies(size, new SourceRecord(Map.of(), Map.of(), "t", null, "v")));
    }

    @Test
    void theQueueHandsOverWholeBatchesInOrderAndMakesReadersWaitWhenFull() throws Exception {
        RecordQueue queue = new RecordQueue(10);
        assertThat(queue.take(1, 100)).as("nothing queued").isNull();
        queue.put(batch(4));
        queue.put(batch(6));
        CountDownLatch added = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                queue.put(batch(3));
                added.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        // a negative can only be shown over some time: 10 of 10 places are taken, so 3 more wait
        assertThat(added.await(200, TimeUnit.MILLISECONDS)).as("no room for 3 more").isFalse();
        assertThat(queue.take(1, 5)).as("whole batches, no more than 5 records").hasSize(4);
        assertThat(added.await(5, TimeUnit.SECONDS)).as("room for the waiting batch").isTrue();
        assertThat(queue.take(1_000, 100)).as("then in order").hasSize(6 + 3);
        reader.join();
    }
}
