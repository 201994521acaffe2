package io.dynamocdc.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Between a task's shard readers and {@code poll()}: batches in the order they were read, holding at
 * most {@code capacity} records, so readers wait while the worker is behind instead of filling the heap.
 */
final class RecordQueue {

    private final LinkedBlockingQueue<List<SourceRecord>> batches = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final int capacity;
    private volatile boolean closed;

    RecordQueue(int capacity) {
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
    }

    /**
     * Waits for room, then adds the batch (a batch larger than the whole queue waits for it to empty). Once
     * the queue is closed, returns at once and drops the batch: nobody will take it.
     */
    void put(List<SourceRecord> batch) throws InterruptedException {
        if (closed) {
            return;
        }
        room.acquire(Math.min(batch.size(), capacity));
        if (!closed) {
            batches.add(batch);
        }
    }

    /** The task has stopped: releases readers waiting for room, whose records will never be polled. */
    void close() {
        closed = true;
        room.release(capacity);
    }

    /**
     * Whole batches in order: the first, then more while they fit in {@code most} records; null when none
     * came within the wait.
     */
    List<SourceRecord> take(long waitMillis, int most) throws InterruptedException {
        List<SourceRecord> first = batches.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(first);
        int taken = Math.min(first.size(), capacity);
        List<SourceRecord> next;
        // one taker (the task's poll), so what it peeks is what it polls
        while ((next = batches.peek()) != null && records.size() + next.size() <= most) {
            batches.poll();
            records.addAll(next);
            taken += Math.min(next.size(), capacity);
        }
        room.release(taken);
        return records;
    }
}
