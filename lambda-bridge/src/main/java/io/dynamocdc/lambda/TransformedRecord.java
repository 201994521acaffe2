package io.dynamocdc.lambda;

import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record of the Lambda's answer to Firehose: {@code recordId, result, data, metadata.partitionKeys}.
 * The AWS events library's response type has no {@code metadata}, which dynamic partitioning needs,
 * hence this one. An Ok record carries its row (a JSON line); the others carry the record as it came,
 * whose data goes back unchanged.
 */
public final class TransformedRecord {

    private final FirehoseRecord received;
    private final TransformationResult result;
    private final byte[] row;
    private final List<PartitionKey> keys;
    private final String[] keyValues;

    private TransformedRecord(FirehoseRecord received, TransformationResult result, byte[] row, List<PartitionKey> keys,
                              String[] keyValues) {
        this.received = Objects.requireNonNull(received, "received");
        this.result = result;
        this.row = row;
        this.keys = keys;
        this.keyValues = keyValues;
    }

    /** A transformed record: its row (ending with a newline) and the values of the partition keys, in their order. */
    static TransformedRecord ok(FirehoseRecord received, byte[] row, List<PartitionKey> keys, String[] keyValues) {
        return new TransformedRecord(received, TransformationResult.OK, Objects.requireNonNull(row, "row"), keys, keyValues);
    }

    /** A record left out on purpose; its data goes back unchanged (Firehose requires the field). */
    static TransformedRecord dropped(FirehoseRecord received) {
        return new TransformedRecord(received, TransformationResult.DROPPED, null, List.of(), null);
    }

    /** A record that could not be transformed; its data goes back unchanged. */
    static TransformedRecord failed(FirehoseRecord received) {
        return new TransformedRecord(received, TransformationResult.PROCESSING_FAILED, null, List.of(), null);
    }

    /** A failed record built from its parts (for tests and tools). */
    public static TransformedRecord failed(String recordId, String originalData) {
        return failed(new FirehoseRecord(recordId, 0, originalData));
    }

    public String recordId() {
        return received.recordId();
    }

    public TransformationResult result() {
        return result;
    }

    /** The row bytes of an Ok record (not base64); {@code null} otherwise. */
    public byte[] row() {
        return row;
    }

    /** The base64 text Firehose sent ("" when it sent none), for Dropped and ProcessingFailed records; {@code null} for Ok. */
    public String originalData() {
        if (row != null) {
            return null;
        }
        String data = received.data();
        return data == null ? "" : data;
    }

    /** Empty unless Ok and partition keys are configured; in the configured order. */
    public Map<String, String> partitionKeys() {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i).keyName(), keyValues[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    FirehoseRecord received() {
        return received;
    }

    List<PartitionKey> keys() {
        return keys;
    }

    String keyValue(int index) {
        return keyValues[index];
    }
}
