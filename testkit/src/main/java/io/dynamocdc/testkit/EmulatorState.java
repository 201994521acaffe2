package io.dynamocdc.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What one emulator holds: regions, the clock, stream settings, faults and call counts. */
final class EmulatorState {

    final String accountId;
    final EmulatorClock clock = new EmulatorClock();
    final AtomicReference<StreamSettings> streamSettings = new AtomicReference<>(StreamSettings.DEFAULT);
    final List<Fault> faults = new CopyOnWriteArrayList<>();
    /** GetRecords calls allowed per second per shard; 0 = no limit (DynamoDB's own limit is 5). */
    final AtomicInteger getRecordsPerSecondPerShard = new AtomicInteger();
    /** Access key ids accepted; empty: any (signatures are never checked). */
    final java.util.Set<String> acceptedAccessKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Map<String, RegionState> regions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> recentReads = new ConcurrentHashMap<>();

    EmulatorState(String accountId) {
        this.accountId = accountId;
    }

    RegionState region(String name) {
        return regions.computeIfAbsent(name, RegionState::new);
    }

    /** The stream with this ARN, in whichever region holds it. */
    TableStream stream(String arn) {
        for (RegionState region : regions.values()) {
            TableStream stream = region.streamsByArn.get(arn);
            if (stream != null) {
                return stream;
            }
        }
        throw new IllegalArgumentException("the emulator has no stream " + arn);
    }

    void count(String operation) {
        calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    long calls(String operation) {
        LongAdder count = calls.get(operation);
        return count == null ? 0 : count.sum();
    }

    Map<String, Long> callCounts() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    void resetCallCounts() {
        calls.clear();
    }

    /** Whether one more GetRecords on this shard now stays within the per-second limit (wall clock). */
    boolean admitRead(String shardKey) {
        int limit = getRecordsPerSecondPerShard.get();
        if (limit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        Deque<Long> reads = recentReads.computeIfAbsent(shardKey, k -> new ArrayDeque<>());
        synchronized (reads) {
            while (!reads.isEmpty() && now - reads.peekFirst() >= 1_000_000_000L) {
                reads.pollFirst();
            }
            if (reads.size() >= limit) {
                return false;
            }
            reads.addLast(now);
            return true;
        }
    }
}
