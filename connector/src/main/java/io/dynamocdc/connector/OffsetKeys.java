package io.dynamocdc.connector;

/**
 * Field names of the connector's source partitions ({@code stream_arn}, {@code shard_id}) and source
 * offsets ({@code sequence_number}, {@code change_time}: the change's epoch seconds, for telling how much
 * a trimmed gap lost).
 */
final class OffsetKeys {

    static final String STREAM_ARN = "stream_arn";
    static final String SHARD_ID = "shard_id";
    static final String SEQUENCE_NUMBER = "sequence_number";
    static final String CHANGE_TIME = "change_time";

    private OffsetKeys() {
    }
}
