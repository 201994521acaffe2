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

    private static final com.fasterxml.jackson.databind.ObjectMapper KEY_READER = new com.fasterxml.jackson.databind.ObjectMapper();

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

    /**
     * Splits an open shard into two children now; returns their ids.
     *
     * @throws IllegalArgumentException for an unknown stream or shard
     * @throws IllegalStateException    when the shard is already closed
     */
    public List<String> splitShard(String streamArn, String shardId) {
        return rollOver(streamArn, shardId, true);
    }

    /** Closes an open shard now; one child takes over its keys. Returns the child's id. Throws as {@link #splitShard}. */
    public String closeShard(String streamArn, String shardId) {
        return rollOver(streamArn, shardId, false).get(0);
    }

    private List<String> rollOver(String streamArn, String shardId, boolean split) {
        try {
            return state.stream(streamArn).rollOver(shardId, split);
        } catch (DynamoDbException unknownShard) {
            throw new IllegalArgumentException("stream " + streamArn + " has no shard " + shardId, unknownShard);
        }
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
        try {
            return items.expireItem(state.region(region).table(tableName), key) != null;
        } catch (DynamoDbException e) {
            throw new IllegalArgumentException("cannot expire " + key + " in " + region + "/" + tableName + ": " + e.getMessage(), e);
        }
    }

    /** {@link #expireItem(String, String, ObjectNode)} with the key as DynamoDB JSON, e.g. {@code {"orderid":{"S":"7"}}}. */
    public boolean expireItem(String region, String tableName, String keyJson) {
        try {
            return expireItem(region, tableName, (ObjectNode) KEY_READER.readTree(keyJson));
        } catch (java.io.IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a DynamoDB JSON key: " + keyJson, e);
        }
    }

    /**
     * Accepts only requests signed with one of these access key ids; others get DynamoDB's answer to
     * unknown credentials (UnrecognizedClientException). No ids: any credentials (the default).
     */
    public void acceptOnlyAccessKeys(String... accessKeyIds) {
        state.acceptedAccessKeys.clear();
        state.acceptedAccessKeys.addAll(java.util.List.of(accessKeyIds));
    }

    /** GetRecords calls allowed per second per shard before LimitExceededException; 0 = unlimited. */
    public void limitGetRecordsPerSecondPerShard(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be 0 (unlimited) or more, was " + calls);
        }
        state.getRecordsPerSecondPerShard.set(calls);
    }

    /** Adds a fault; every added fault sees every call. Returns it, for {@link #removeFault}. */
    public Fault addFault(Fault fault) {
        state.faults.add(fault);
        return fault;
    }

    public void removeFault(Fault fault) {
        state.faults.remove(fault);
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
