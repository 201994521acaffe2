package io.dynamocdc.connector;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A DynamoDB Streams record as the schemaless Connect value the dynamo-cdc transform and any JSON sink
 * read: the shape an EventBridge Pipe or Lambda hands on (eventID, eventName, eventVersion, eventSource,
 * awsRegion, dynamodb{…}, userIdentity, eventSourceARN), attribute values in DynamoDB JSON. With
 * JsonConverter (schemas off) the topic holds the same JSON a Pipe gives Firehose.
 */
final class StreamRecordMapper {

    private StreamRecordMapper() {
    }

    /** The record as the reader hands it on, read from the SDK's model. */
    static ChangeRecord change(Record record, String streamArn) {
        Map<String, Object> key = key(record);
        return new ChangeRecord(record.dynamodb().sequenceNumber(), record.dynamodb().approximateCreationDateTime(), key,
                value(record, streamArn, key));
    }

    static Map<String, Object> value(Record record, String streamArn) {
        return value(record, streamArn, key(record));
    }

    /** The value, sharing the already converted key attributes. */
    static Map<String, Object> value(Record record, String streamArn, Map<String, Object> keys) {
        Map<String, Object> value = new LinkedHashMap<>(16);
        value.put("eventID", record.eventID());
        value.put("eventName", record.eventNameAsString());
        value.put("eventVersion", record.eventVersion());
        value.put("eventSource", record.eventSource());
        value.put("awsRegion", record.awsRegion());
        StreamRecord data = record.dynamodb();
        Map<String, Object> dynamodb = new LinkedHashMap<>(16);
        if (data.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", data.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.put("Keys", keys);
        if (data.hasNewImage()) {
            dynamodb.put("NewImage", item(data.newImage()));
        }
        if (data.hasOldImage()) {
            dynamodb.put("OldImage", item(data.oldImage()));
        }
        dynamodb.put("SequenceNumber", data.sequenceNumber());
        if (data.sizeBytes() != null) {
            dynamodb.put("SizeBytes", data.sizeBytes());
        }
        dynamodb.put("StreamViewType", data.streamViewTypeAsString());
        value.put("dynamodb", dynamodb);
        Identity identity = record.userIdentity();
        if (identity != null) {
            // Lambda's and Pipes' spelling (the Streams API says Type/PrincipalId).
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("type", identity.type());
            user.put("principalId", identity.principalId());
            value.put("userIdentity", user);
        }
        value.put("eventSourceARN", streamArn);
        return value;
    }

    /** The item's key attributes in DynamoDB JSON: the record key, so one item's changes share a partition. */
    static Map<String, Object> key(Record record) {
        return item(record.dynamodb().keys());
    }

    static Map<String, Object> item(Map<String, AttributeValue> attributes) {
        Map<String, Object> item = new LinkedHashMap<>(attributes.size() * 4 / 3 + 1);
        attributes.forEach((name, value) -> item.put(name, attribute(value)));
        return item;
    }

    static Map<String, Object> attribute(AttributeValue value) {
        // one entry: an immutable single-entry map is the cheapest the converter can walk
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case B -> Map.of("B", base64(value.b()));
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", Boolean.TRUE);
            case SS -> Map.of("SS", List.copyOf(value.ss()));
            case NS -> Map.of("NS", List.copyOf(value.ns()));
            case BS -> Map.of("BS", value.bs().stream().map(StreamRecordMapper::base64).toList());
            case M -> Map.of("M", item(value.m()));
            case L -> Map.of("L", value.l().stream().map(StreamRecordMapper::attribute).toList());
            default -> throw new IllegalArgumentException("an attribute value of an unknown type: " + value);
        };
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
