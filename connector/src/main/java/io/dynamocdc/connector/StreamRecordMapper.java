package io.dynamocdc.connector;

import java.time.Instant;
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
    static ChangeRecord change(Record record, String streamArn, KeyOrder keyOrder) {
        Parts parts = new Parts();
        parts.eventId = record.eventID();
        parts.eventName = record.eventNameAsString();
        parts.eventVersion = record.eventVersion();
        parts.eventSource = record.eventSource();
        parts.awsRegion = record.awsRegion();
        StreamRecord data = record.dynamodb();
        parts.changed = data.approximateCreationDateTime();
        parts.keys = item(data.keys());
        parts.newImage = data.hasNewImage() ? item(data.newImage()) : null;
        parts.oldImage = data.hasOldImage() ? item(data.oldImage()) : null;
        parts.sequenceNumber = data.sequenceNumber();
        parts.sizeBytes = data.sizeBytes();
        parts.streamViewType = data.streamViewTypeAsString();
        Identity identity = record.userIdentity();
        parts.userIdentity = identity == null ? null : identity(identity.type(), identity.principalId());
        return parts.toChange(streamArn, keyOrder);
    }

    /**
     * What a stream record's value is built from, however its GetRecords answer was read (the SDK's model
     * or {@link WireRecords}): one place decides the value's shape and key order for both.
     */
    static final class Parts {
        String eventId;
        String eventName;
        String eventVersion;
        String eventSource;
        String awsRegion;
        Instant changed;
        Map<String, Object> keys;
        Map<String, Object> newImage;
        Map<String, Object> oldImage;
        String sequenceNumber;
        Long sizeBytes;
        String streamViewType;
        Map<String, Object> userIdentity;

        ChangeRecord toChange(String streamArn, KeyOrder keyOrder) {
            keys = keyOrder.apply(keys);
            Map<String, Object> value = new LinkedHashMap<>(16);
            value.put("eventID", eventId);
            value.put("eventName", eventName);
            value.put("eventVersion", eventVersion);
            value.put("eventSource", eventSource);
            value.put("awsRegion", awsRegion);
            Map<String, Object> dynamodb = new LinkedHashMap<>(16);
            if (changed != null) {
                dynamodb.put("ApproximateCreationDateTime", changed.getEpochSecond());
            }
            dynamodb.put("Keys", keys); // shared with the record key
            if (newImage != null) {
                dynamodb.put("NewImage", newImage);
            }
            if (oldImage != null) {
                dynamodb.put("OldImage", oldImage);
            }
            dynamodb.put("SequenceNumber", sequenceNumber);
            if (sizeBytes != null) {
                dynamodb.put("SizeBytes", sizeBytes);
            }
            dynamodb.put("StreamViewType", streamViewType);
            value.put("dynamodb", dynamodb);
            if (userIdentity != null) {
                value.put("userIdentity", userIdentity);
            }
            value.put("eventSourceARN", streamArn);
            return new ChangeRecord(sequenceNumber, changed, keys, value);
        }
    }

    /** Lambda's and Pipes' spelling of the identity (the Streams API says Type/PrincipalId). */
    static Map<String, Object> identity(String type, String principalId) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("type", type);
        user.put("principalId", principalId);
        return user;
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
