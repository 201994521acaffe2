package io.dynamocdc.connector;

/**
 * Field names of the connector's source partitions ({@code stream_arn}, {@code shard_id}) and source
 * offsets: {@code sequence_number} (the last change read; absent when nothing was read yet),
 * {@code change_time} (that change's epoch seconds, for telling how much a trimmed gap lost) and
 * {@code deliver_from} (epoch milliseconds before which changes are not delivered: the start of a LATEST
 * or AT_TIMESTAMP read, kept so a restart does not deliver what the start left out).
 */
final class OffsetKeys {

    static final String STREAM_ARN = "stream_arn";
    static final String SHARD_ID = "shard_id";
    static final String SEQUENCE_NUMBER = "sequence_number";
    static final String CHANGE_TIME = "change_time";
    static final String DELIVER_FROM = "deliver_from";

    private OffsetKeys() {
    }
}
