package io.dynamocdc.transform;

import java.util.Objects;

/**
 * One change to one DynamoDB item, whatever shape it arrived in. Immutable; built only through
 * {@link Builder}, which refuses an event without the parts every output needs (operation, keys,
 * time).
 */
public final class ChangeEvent implements ChangeFacts {

    /** The principal DynamoDB names in {@code userIdentity} when its TTL process deletes an item. */
    public static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

    private final RecordFormat format;
    private final String eventId;
    private final Operation operation;
    private final String eventVersion;
    private final String eventSource;
    private final String awsRegion;
    private final long creationTimeMicros;
    private final Item keys;
    private final Item newImage;
    private final Item oldImage;
    private final String sequenceNumber;
    private final long sizeBytes;
    private final String streamViewType;
    private final String eventSourceArn;
    private final String tableName;
    private final boolean ttlDelete;

    private ChangeEvent(Builder b) {
        this.format = b.format;
        this.eventId = b.eventId;
        this.operation = b.operation;
        this.eventVersion = b.eventVersion;
        this.eventSource = b.eventSource;
        this.awsRegion = b.awsRegion;
        this.creationTimeMicros = b.creationTimeMicros;
        this.keys = b.keys;
        this.newImage = b.newImage;
        this.oldImage = b.oldImage;
        this.sequenceNumber = b.sequenceNumber;
        this.sizeBytes = b.sizeBytes;
        this.streamViewType = b.streamViewType;
        this.eventSourceArn = b.eventSourceArn;
        this.tableName = b.tableName != null ? b.tableName : tableFromArn(b.eventSourceArn);
        this.ttlDelete = b.operation == Operation.REMOVE
                && "Service".equals(b.userIdentityType)
                && TTL_PRINCIPAL.equals(b.userIdentityPrincipal);
    }

    public static Builder builder() {
        return new Builder();
    }

    public RecordFormat format() {
        return format;
    }

    /** DynamoDB's eventID; {@code null} if the record had none. */
    public String eventId() {
        return eventId;
    }

    public Operation operation() {
        return operation;
    }

    public String eventVersion() {
        return eventVersion;
    }

    public String eventSource() {
        return eventSource;
    }

    public String awsRegion() {
        return awsRegion;
    }

    /** When the change was made (DynamoDB's approximate creation time), in microseconds since the epoch, UTC. */
    public long creationTimeMicros() {
        return creationTimeMicros;
    }

    public long creationTimeMillis() {
        return Math.floorDiv(creationTimeMicros, 1000L);
    }

    public Item keys() {
        return keys;
    }

    /** The item after the change; {@code null} for REMOVE or when the stream carries no new image. */
    public Item newImage() {
        return newImage;
    }

    /** The item before the change; {@code null} for INSERT or when the stream carries no old image. */
    public Item oldImage() {
        return oldImage;
    }

    /**
     * The item a row shows: after the change for INSERT and MODIFY, before it for REMOVE, and just the
     * key when the stream's view type carries no such image.
     */
    public Item rowImage() {
        Item image = operation == Operation.REMOVE ? oldImage : newImage;
        return image != null ? image : keys;
    }

    /** The envelope's before: the old image, or the key alone for a REMOVE whose stream carries no old image. */
    public Item envelopeBefore() {
        if (oldImage != null) {
            return oldImage;
        }
        return operation == Operation.REMOVE ? keys : null;
    }

    /** The envelope's after: the new image, or the key alone when the stream carries no new image; null for REMOVE. */
    public Item envelopeAfter() {
        if (operation == Operation.REMOVE) {
            return null;
        }
        return newImage != null ? newImage : keys;
    }

    /** Where {@link #rowImage()} came from in the record: {@code dynamodb.NewImage}, {@code dynamodb.OldImage} or {@code dynamodb.Keys}. */
    public String rowImageField() {
        Item image = operation == Operation.REMOVE ? oldImage : newImage;
        if (image == null) {
            return "dynamodb.Keys";
        }
        return operation == Operation.REMOVE ? "dynamodb.OldImage" : "dynamodb.NewImage";
    }

    /** The stream sequence number; {@code null} for Kinesis-shaped records, which have none. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** DynamoDB's SizeBytes, or -1 when absent. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public String streamViewType() {
        return streamViewType;
    }

    public String eventSourceArn() {
        return eventSourceArn;
    }

    /** The table, from {@code tableName} or the stream ARN; {@code null} when neither is present. */
    public String tableName() {
        return tableName;
    }

    /** True for a REMOVE made by DynamoDB's time-to-live process rather than by a user. */
    public boolean isTtlDelete() {
        return ttlDelete;
    }

    /** {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL} gives NAME. */
    static String tableFromArn(String arn) {
        if (arn == null) {
            return null;
        }
        int start = arn.indexOf(":table/");
        if (start < 0) {
            return null;
        }
        start += ":table/".length();
        int end = arn.indexOf('/', start);
        return end < 0 ? arn.substring(start) : arn.substring(start, end);
    }

    /** Assembles an event; {@link #build()} fails fast on a missing operation, keys or time. */
    public static final class Builder {
        private RecordFormat format = RecordFormat.DYNAMODB_STREAMS;
        private String eventId;
        private Operation operation;
        private String eventVersion;
        private String eventSource;
        private String awsRegion;
        private long creationTimeMicros = Long.MIN_VALUE;
        private Item keys;
        private Item newImage;
        private Item oldImage;
        private String sequenceNumber;
        private long sizeBytes = -1;
        private String streamViewType;
        private String eventSourceArn;
        private String tableName;
        private String userIdentityType;
        private String userIdentityPrincipal;

        private Builder() {
        }

        public Builder format(RecordFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder operation(Operation operation) {
            this.operation = operation;
            return this;
        }

        public Builder eventVersion(String eventVersion) {
            this.eventVersion = eventVersion;
            return this;
        }

        public Builder eventSource(String eventSource) {
            this.eventSource = eventSource;
            return this;
        }

        public Builder awsRegion(String awsRegion) {
            this.awsRegion = awsRegion;
            return this;
        }

        public Builder creationTimeMicros(long creationTimeMicros) {
            this.creationTimeMicros = creationTimeMicros;
            return this;
        }

        public Builder keys(Item keys) {
            this.keys = keys;
            return this;
        }

        public Builder newImage(Item newImage) {
            this.newImage = newImage;
            return this;
        }

        public Builder oldImage(Item oldImage) {
            this.oldImage = oldImage;
            return this;
        }

        public Builder sequenceNumber(String sequenceNumber) {
            this.sequenceNumber = sequenceNumber;
            return this;
        }

        public Builder sizeBytes(long sizeBytes) {
            this.sizeBytes = sizeBytes;
            return this;
        }

        public Builder streamViewType(String streamViewType) {
            this.streamViewType = streamViewType;
            return this;
        }

        public Builder eventSourceArn(String eventSourceArn) {
            this.eventSourceArn = eventSourceArn;
            return this;
        }

        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        public Builder userIdentity(String type, String principalId) {
            this.userIdentityType = type;
            this.userIdentityPrincipal = principalId;
            return this;
        }

        public String eventId() {
            return eventId;
        }

        public ChangeEvent build() {
            if (operation == null) {
                throw new InvalidRecordException(eventId, "eventName", "missing: expected INSERT, MODIFY or REMOVE");
            }
            if (keys == null || keys.isEmpty()) {
                throw new InvalidRecordException(eventId, "dynamodb.Keys", "missing: every change record names its item's key");
            }
            if (creationTimeMicros == Long.MIN_VALUE) {
                throw new InvalidRecordException(eventId, "dynamodb.ApproximateCreationDateTime", "missing");
            }
            return new ChangeEvent(this);
        }
    }
}
