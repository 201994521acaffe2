package io.dynamocdc.lambda;

import io.dynamocdc.transform.ChangeFacts;
import io.dynamocdc.transform.NamedChoice;
import io.dynamocdc.transform.UtcTimestamps;

/**
 * A key the Lambda hands Firehose in {@code metadata.partitionKeys}, for dynamic partitioning
 * ({@code !{partitionKeyFromLambda:dt}} in the S3 prefix). Times are the change's own UTC time, never
 * the time Firehose or the Lambda saw it, so a late batch still lands in the hour its changes happened.
 */
public enum PartitionKey implements NamedChoice {
    DT("dt", "the change's UTC date, yyyy-MM-dd") {
        @Override
        String valueOf(ChangeFacts event) {
            return UtcTimestamps.date(event.creationTimeMicros());
        }
    },
    HOUR("hour", "the change's UTC hour, HH") {
        @Override
        String valueOf(ChangeFacts event) {
            return UtcTimestamps.hour(event.creationTimeMicros());
        }
    },
    YEAR("year", "the change's UTC year, yyyy") {
        @Override
        String valueOf(ChangeFacts event) {
            return UtcTimestamps.date(event.creationTimeMicros()).substring(0, 4);
        }
    },
    MONTH("month", "the change's UTC month, MM") {
        @Override
        String valueOf(ChangeFacts event) {
            return UtcTimestamps.date(event.creationTimeMicros()).substring(5, 7);
        }
    },
    DAY("day", "the change's UTC day of the month, dd") {
        @Override
        String valueOf(ChangeFacts event) {
            return UtcTimestamps.date(event.creationTimeMicros()).substring(8, 10);
        }
    },
    TABLE("table", "the DynamoDB table's name, from eventSourceARN or a Kinesis-shaped record's tableName") {
        @Override
        String valueOf(ChangeFacts event) {
            return event.tableName();
        }
    },
    EVENT_TYPE("event_type", "INSERT, MODIFY or REMOVE") {
        @Override
        String valueOf(ChangeFacts event) {
            return event.operation().eventName();
        }
    },
    REGION("region", "the table's AWS region, awsRegion") {
        @Override
        String valueOf(ChangeFacts event) {
            return event.awsRegion();
        }
    };

    private final String keyName;
    private final String description;

    PartitionKey(String keyName, String description) {
        this.keyName = keyName;
        this.description = description;
    }

    /** The name Firehose sees, as in {@code partitionKeyFromLambda:<name>}. */
    public String keyName() {
        return keyName;
    }

    /** The key's value for this change; {@code null} when the record does not carry it. */
    abstract String valueOf(ChangeFacts event);

    @Override
    public String choiceName() {
        return keyName;
    }

    /** Every key with what it holds, for the generated reference. */
    static String describedList() {
        StringBuilder list = new StringBuilder();
        for (PartitionKey key : values()) {
            if (list.length() > 0) {
                list.append(", ");
            }
            list.append(key.keyName).append(" (").append(key.description).append(')');
        }
        return list.toString();
    }
}
