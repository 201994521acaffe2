package io.dynamocdc.transform;

/** Field names of DynamoDB stream records, as AWS spells them. */
public final class StreamRecordFields {

    public static final String EVENT_ID = "eventID";
    public static final String EVENT_NAME = "eventName";
    public static final String EVENT_VERSION = "eventVersion";
    public static final String EVENT_SOURCE = "eventSource";
    public static final String AWS_REGION = "awsRegion";
    public static final String EVENT_SOURCE_ARN = "eventSourceARN";
    public static final String USER_IDENTITY = "userIdentity";
    public static final String USER_IDENTITY_TYPE = "type";
    public static final String USER_IDENTITY_PRINCIPAL = "principalId";
    /** Kinesis Data Streams for DynamoDB only. */
    public static final String TABLE_NAME = "tableName";
    /** Kinesis Data Streams for DynamoDB only. */
    public static final String RECORD_FORMAT = "recordFormat";

    public static final String DYNAMODB = "dynamodb";
    public static final String APPROXIMATE_CREATION_DATE_TIME = "ApproximateCreationDateTime";
    public static final String APPROXIMATE_CREATION_DATE_TIME_PRECISION = "ApproximateCreationDateTimePrecision";
    public static final String KEYS = "Keys";
    public static final String NEW_IMAGE = "NewImage";
    public static final String OLD_IMAGE = "OldImage";
    public static final String SEQUENCE_NUMBER = "SequenceNumber";
    public static final String SIZE_BYTES = "SizeBytes";
    public static final String STREAM_VIEW_TYPE = "StreamViewType";

    /** The list of records in a Lambda test event or an {@code aws dynamodbstreams get-records} answer. */
    public static final String RECORDS = "Records";

    private StreamRecordFields() {
    }
}
