package io.dynamocdc.connector;

import java.time.Instant;
import java.util.Map;

/**
 * One stream record as the reader hands it on: where it sits in its shard, when it happened, and the
 * Connect key and value ({@link StreamRecordMapper}'s shape), whichever way its GetRecords answer was read.
 *
 * @param sequenceNumber the record's sequence number in its shard
 * @param changed        the change's time (DynamoDB's ApproximateCreationDateTime), or null when absent
 * @param key            the item's key attributes in DynamoDB JSON
 * @param value          the whole record, schemaless, including {@code eventSourceARN}
 */
record ChangeRecord(String sequenceNumber, Instant changed, Map<String, Object> key, Map<String, Object> value) {
}
