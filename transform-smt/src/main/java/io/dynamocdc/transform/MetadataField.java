package io.dynamocdc.transform;


/** The metadata columns a row can carry, by the column name users select in {@code metadata.fields}. */
public enum MetadataField implements NamedChoice {
    /** INSERT, MODIFY or REMOVE. */
    EVENT_TYPE("cdc_event_type"),
    /** The change's time, ISO-8601 UTC ({@code 2025-10-01T12:00:05Z}), as the seed wrote it. */
    CREATION_DATETIME("creation_datetime"),
    /** The stream sequence number (numeric text; absent in Kinesis-shaped records). */
    SEQUENCE_NUMBER("cdc_sequence_number"),
    /** DynamoDB's eventID. */
    EVENT_ID("cdc_event_id"),
    /** The table name. */
    TABLE("cdc_table"),
    /** The AWS region. */
    REGION("cdc_region"),
    /** True when DynamoDB's time-to-live process deleted the item. */
    TTL_DELETE("cdc_ttl_delete"),
    /** The item before the change (MODIFY and REMOVE with an old image), as JSON. */
    OLD_IMAGE("cdc_old_image");

    private final String column;

    MetadataField(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /**
     * The column's value for a change: a String, a Boolean, an {@link Item} (the old image, which each
     * face renders its own way) or null.
     */
    public Object value(ChangeEvent event) {
        return switch (this) {
            case EVENT_TYPE -> event.operation().eventName();
            case CREATION_DATETIME -> UtcTimestamps.format(event.creationTimeMicros());
            case SEQUENCE_NUMBER -> event.sequenceNumber();
            case EVENT_ID -> event.eventId();
            case TABLE -> event.tableName();
            case REGION -> event.awsRegion();
            case TTL_DELETE -> event.isTtlDelete();
            case OLD_IMAGE -> event.oldImage();
        };
    }

    @Override
    public String choiceName() {
        return column;
    }

    public static MetadataField forColumn(String column) {
        return NamedChoice.find(values(), column);
    }

    public static String columnList() {
        return NamedChoice.names(values());
    }
}
