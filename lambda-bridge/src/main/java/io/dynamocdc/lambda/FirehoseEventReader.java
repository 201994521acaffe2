package io.dynamocdc.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Firehose's transformation event with a streaming parser: no object mapper, no reflection, so
 * the first invocation after a cold start is not spent loading a data-binding library. Fields it does
 * not use (e.g. {@code kinesisRecordMetadata}) are skipped.
 */
final class FirehoseEventReader {

    /** Firehose sends at most 6 MB; one record's data is at most 1,000 KiB before base64. */
    static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(8 * 1024 * 1024).build())
            .build();

    /** Reads the event; the records it returns refer to {@code event}'s bytes, which must not change. */
    FirehoseEvent read(byte[] event) {
        try (JsonParser parser = JSON.createParser(event)) {
            return readEvent(parser, event);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("the invocation's event is not valid JSON: " + e.getOriginalMessage()
                    + " (byte " + e.getLocation().getByteOffset() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FirehoseEvent readEvent(JsonParser parser, byte[] event) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidEventException("the invocation's event is not a JSON object: expected Firehose's "
                    + "transformation event {invocationId, deliveryStreamArn, region, records}");
        }
        String invocationId = null;
        String deliveryStreamArn = null;
        String region = null;
        List<FirehoseRecord> records = null;
        String field;
        while ((field = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "invocationId" -> invocationId = text(parser, token, field);
                case "deliveryStreamArn" -> deliveryStreamArn = text(parser, token, field);
                case "region" -> region = text(parser, token, field);
                case "records" -> records = readRecords(parser, token, event);
                default -> parser.skipChildren();
            }
        }
        if (records == null) {
            throw new InvalidEventException("the invocation's event has no 'records' array: expected Firehose's "
                    + "transformation event {invocationId, deliveryStreamArn, region, records}");
        }
        return new FirehoseEvent(invocationId, deliveryStreamArn, region, records);
    }

    /**
     * Where the string starting at {@code start} (just after its opening quote) ends, when it holds only
     * printable ASCII and no escapes; -1 otherwise (then the parser's own decoding is used).
     */
    static int plainStringEnd(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            int b = bytes[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b < 0x20 || b > 0x7e) {
                return -1;
            }
        }
        return -1;
    }

    private static List<FirehoseRecord> readRecords(JsonParser parser, JsonToken token, byte[] event) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw new InvalidEventException("the event's 'records' is not an array");
        }
        List<FirehoseRecord> records = new ArrayList<>();
        byte[][] scratch = {new byte[4096]};
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            int index = records.size();
            if (token != JsonToken.START_OBJECT) {
                throw new InvalidEventException("records[" + index + "] is not an object");
            }
            String recordId = null;
            long arrival = 0;
            String data = null;
            int dataStart = -1;
            int dataEnd = -1;
            byte[] decoded = null;
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "recordId" -> recordId = text(parser, value, "records[" + index + "].recordId");
                    case "approximateArrivalTimestamp" -> arrival = value.isNumeric() ? parser.getValueAsLong() : 0;
                    case "data" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            // Base64 is printable ASCII: decode it where it is in the event's bytes, finding its end
                            // on the way, rather than copying it into a String first.
                            int start = (int) parser.currentTokenLocation().getByteOffset() + 1;
                            decoded = Base64Codec.decodeQuoted(event, start, scratch);
                            int end = decoded != null ? start + Base64Codec.encodedLength(decoded.length) : plainStringEnd(event, start);
                            if (end >= 0) {
                                dataStart = start;
                                dataEnd = end;
                                data = null;
                            } else {
                                data = parser.getText();
                                dataStart = -1;
                            }
                        } else {
                            data = null;
                            dataStart = -1;
                            decoded = null;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (recordId == null) {
                // Without its id a record cannot be answered, and Firehose rejects an answer that leaves one out.
                throw new InvalidEventException("records[" + index + "] has no recordId");
            }
            records.add(dataStart >= 0 ? FirehoseRecord.inPlace(recordId, arrival, event, dataStart, dataEnd - dataStart, decoded)
                    : new FirehoseRecord(recordId, arrival, data));
        }
        return records;
    }

    private static String text(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidEventException("the event's '" + field + "' is not a string");
        }
        return parser.getText();
    }
}
