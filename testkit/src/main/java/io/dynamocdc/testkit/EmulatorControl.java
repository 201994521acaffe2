package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a test (or the demo) can do to the emulator that no AWS API offers: move the clock, shape and
 * roll over shards, expire items by TTL, throttle readers, inject faults, count calls. The same
 * actions are served over HTTP at {@code POST /_dynamo-cdc/control} (see {@link ControlEndpoint}).
 */
public final class EmulatorControl {

    private final EmulatorState state;
    private final ItemOperations items;

    EmulatorControl(EmulatorState state) {
        this.state = state;
        this.items = new ItemOperations(state);
    }

    public EmulatorClock clock() {
        return state.clock;
    }

    /** Stops the clock at {@code instant} (it then moves only when told). */
    public void setClock(Instant instant) {
        state.clock.set(instant);
    }

    public Instant advanceClock(Duration duration) {
        return state.clock.advance(duration);
    }

    /** Applies to streams created from now on (shard count) and to every stream's roll-overs. */
    public void streamSettings(StreamSettings settings) {
        state.streamSettings.set(settings);
    }

    public StreamSettings streamSettings() {
        return state.streamSettings.get();
    }

    /** Splits an open shard into two children now; returns their ids. */
    public List<String> splitShard(String streamArn, String shardId) {
        return state.stream(streamArn).rollOver(shardId, true);
    }

    /** Closes an open shard now; one child takes over its keys. Returns the child's id. */
    public String closeShard(String streamArn, String shardId) {
        return state.stream(streamArn).rollOver(shardId, false).get(0);
    }

    /** The stream's open shards, oldest first. */
    public List<String> openShards(String streamArn) {
        return state.stream(streamArn).openShardIds();
    }

    /**
     * Deletes an item as DynamoDB's TTL process does: a REMOVE whose stream record names the service
     * ({@code userIdentity.type = Service}). Returns whether an item was there.
     */
    public boolean expireItem(String region, String tableName, ObjectNode key) {
        return items.expireItem(state.region(region).table(tableName), key) != null;
    }

    /** GetRecords calls allowed per second per shard before LimitExceededException; 0 = unlimited. */
    public void limitGetRecordsPerSecondPerShard(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be 0 (unlimited) or more, was " + calls);
        }
        state.getRecordsPerSecondPerShard.set(calls);
    }

    public void addFault(Fault fault) {
        state.faults.add(fault);
    }

    public void clearFaults() {
        state.faults.clear();
    }

    /** Calls of one operation so far (e.g. {@code "GetRecords"}), faulted ones included. */
    public long calls(String operation) {
        return state.calls(operation);
    }

    public Map<String, Long> callCounts() {
        return state.callCounts();
    }

    public void resetCallCounts() {
        state.resetCallCounts();
    }
}
