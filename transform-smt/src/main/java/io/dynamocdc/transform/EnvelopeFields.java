package io.dynamocdc.transform;

/** Field names of the Debezium-compatible envelope and its {@code source} block. */
public final class EnvelopeFields {

    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String OP = "op";
    /** When the transform processed the change (Debezium's meaning); the change's own time is {@code source.ts_ms}. */
    public static final String TS_MS = "ts_ms";

    public static final String SOURCE_VERSION = "version";
    public static final String SOURCE_CONNECTOR = "connector";
    public static final String SOURCE_NAME = "name";
    public static final String SOURCE_TS_MS = "ts_ms";
    public static final String SOURCE_TS_US = "ts_us";
    public static final String SOURCE_SNAPSHOT = "snapshot";
    /** Debezium's database name; for DynamoDB the AWS region. */
    public static final String SOURCE_DB = "db";
    public static final String SOURCE_TABLE = "table";
    public static final String SOURCE_SEQUENCE_NUMBER = "sequence_number";
    public static final String SOURCE_EVENT_ID = "event_id";
    public static final String SOURCE_STREAM_ARN = "stream_arn";
    public static final String SOURCE_TTL_DELETE = "ttl_delete";

    /** {@code source.connector}. */
    public static final String CONNECTOR = "dynamodb";
    /** {@code source.name}. */
    public static final String NAME = "dynamo-cdc";

    private EnvelopeFields() {
    }
}
