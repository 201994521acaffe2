package io.dynamocdc.lambda;

import io.dynamocdc.transform.ChangeFacts;
import io.dynamocdc.transform.UtcTimestamps;
import java.util.Locale;

/**
 * A key the Lambda hands Firehose in {@code metadata.partitionKeys}, for dynamic partitioning
 * ({@code !{partitionKeyFromLambda:dt}} in the S3 prefix). Times are the change's own UTC time, never
 * the time Firehose or the Lambda saw it, so a late batch still lands in the hour its changes happened.
 */
public enum PartitionKey {
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
    TABLE("table", "the DynamoDB table's name (from eventSourceARN, or tableName in Kinesis-shaped records)") {
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
    REGION("region", "the AWS region of the table (awsRegion)") {
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

    public String description() {
        return description;
    }

    /** The key's value for this change; {@code null} when the record does not carry it. */
    abstract String valueOf(ChangeFacts event);

    /** The key of this name, or {@code null}. */
    public static PartitionKey forName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (PartitionKey key : values()) {
            if (key.keyName.equals(wanted)) {
                return key;
            }
        }
        return null;
    }

    /** Every key name, for messages and docs. */
    public static String nameList() {
        StringBuilder names = new StringBuilder();
        for (PartitionKey key : values()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(key.keyName);
        }
        return names.toString();
    }
}
