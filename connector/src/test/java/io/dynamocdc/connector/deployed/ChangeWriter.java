package io.dynamocdc.connector.deployed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes a steady stream of changes on a thread of its own, as an application would while a worker is
 * restarted: orders (key {@code orderid}) and order lines (key {@code orderid} + {@code line}), each key
 * INSERTed, MODIFYed with a growing {@code version}, now and then REMOVEd and inserted again. Keeps the
 * history of what it wrote, per key, for comparing with what arrived.
 */
final class ChangeWriter implements AutoCloseable {

    /** One change as written: its event name and the version it carried (a REMOVE, the one it removed). */
    record Change(String event, long version) {
    }

    private final DynamoDbClient db;
    private final String orders;
    private final String lines;
    private final int keys;
    private final long pauseNanos;
    private final Map<String, List<Change>> history = new LinkedHashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param keys      keys per table
     * @param perSecond changes per second, both tables together
     */
    ChangeWriter(DynamoDbClient db, String orders, String lines, int keys, int perSecond) {
        this.db = db;
        this.orders = orders;
        this.lines = lines;
        this.keys = keys;
        this.pauseNanos = Duration.ofSeconds(1).toNanos() / perSecond;
    }

    ChangeWriter start() {
        running = true;
        thread = new Thread(this::run, "change-writer");
        thread.start();
        return this;
    }

    /** Writes {@code count} changes now, on the caller's thread (before {@link #start()}: one writer at a time). */
    void write(int count) {
        if (running) {
            throw new IllegalStateException("the writer's thread is writing");
        }
        for (int i = 0; i < count; i++) {
            writeNext();
        }
    }

    private void run() {
        long next = System.nanoTime();
        try {
            while (running) {
                writeNext();
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    // Pacing, as a client writing at a steady rate does.
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    private void writeNext() {
        int n = written.get();
        boolean line = n % 2 == 1;
        int index = (n / 2) % keys;
        String table = line ? lines : orders;
        String key = line ? "o-" + index + "#" + (index % 3 + 1) : "o-" + index;
        String id = table + "|" + key;
        long version = versions.getOrDefault(id, 0L);
        boolean exists = version > 0;
        Map<String, AttributeValue> itemKey = new LinkedHashMap<>();
        itemKey.put("orderid", AttributeValue.fromS("o-" + index));
        if (line) {
            itemKey.put("line", AttributeValue.fromN(Integer.toString(index % 3 + 1)));
        }
        Change change;
        if (exists && version % 7 == 0) {
            db.deleteItem(b -> b.tableName(table).key(itemKey));
            versions.put(id, -version);
            change = new Change("REMOVE", version);
        } else {
            long next = Math.abs(version) + 1;
            Map<String, AttributeValue> item = new LinkedHashMap<>(itemKey);
            item.put("version", AttributeValue.fromN(Long.toString(next)));
            item.put("price", AttributeValue.fromN(next + "9999999999999999999999.99"));
            db.putItem(b -> b.tableName(table).item(item));
            versions.put(id, next);
            change = new Change(exists ? "MODIFY" : "INSERT", next);
        }
        synchronized (history) {
            history.computeIfAbsent(id, k -> new ArrayList<>()).add(change);
        }
        written.incrementAndGet();
    }

    int written() {
        return written.get();
    }

    /** What was written, per {@code table|key}, in order. */
    Map<String, List<Change>> history() {
        synchronized (history) {
            Map<String, List<Change>> copy = new LinkedHashMap<>();
            history.forEach((key, changes) -> copy.put(key, List.copyOf(changes)));
            return copy;
        }
    }

    /** Stops writing; rethrows what failed a write, if anything did. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
