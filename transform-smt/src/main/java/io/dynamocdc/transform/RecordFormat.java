package io.dynamocdc.transform;

/** Which of the two wire shapes a change record arrived in. */
public enum RecordFormat {
    /**
     * A DynamoDB Streams record as GetRecords, Lambda and EventBridge Pipes deliver it (and as the
     * connector emits it): {@code ApproximateCreationDateTime} in epoch seconds.
     */
    DYNAMODB_STREAMS,
    /**
     * A Kinesis Data Streams for DynamoDB record: {@code tableName} and {@code recordFormat} at the top,
     * {@code ApproximateCreationDateTime} in milliseconds or microseconds, no sequence number.
     */
    KINESIS_DATA_STREAMS
}
