package io.dynamocdc.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the answer Firehose reads, compact: {@code {"records":[{"recordId":…,"result":…,"data":…,
 * "metadata":{"partitionKeys":{…}}}]}}. Written byte by byte into one buffer: rows are base64-encoded
 * straight into it and failed records' data copied from the event, with no intermediate Strings.
 */
final class FirehoseResponseWriter {

    static final byte[] START = ascii("{\"records\":[");
    static final byte[] END = ascii("]}");
    static final byte[] RECORD_ID = ascii("{\"recordId\":");
    static final byte[] RESULT = ascii(",\"result\":");
    static final byte[] DATA = ascii(",\"data\":");
    static final byte[] METADATA = ascii(",\"metadata\":{\"partitionKeys\":{");

    void write(FirehoseResponse response, OutputStream out) throws IOException {
        ByteSink sink = new ByteSink(estimate(response));
        write(response, sink);
        sink.writeTo(out);
    }

    void write(FirehoseResponse response, ByteSink out) {
        out.write(START);
        boolean first = true;
        for (TransformedRecord record : response.records()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            writeRecord(record, out);
        }
        out.write(END);
    }

    private static void writeRecord(TransformedRecord record, ByteSink out) {
        out.write(RECORD_ID);
        JsonStrings.writeQuoted(record.recordId(), out);
        out.write(RESULT);
        out.write('"');
        out.writeAscii(record.result().wireName());
        out.write('"');
        out.write(DATA);
        byte[] row = record.row();
        if (row != null) {
            out.write('"');
            Base64Codec.encode(row, 0, row.length, out);
            out.write('"');
        } else {
            record.received().writeQuotedData(out);
        }
        int keys = record.keys().size();
        if (keys > 0) {
            out.write(METADATA);
            for (int i = 0; i < keys; i++) {
                if (i > 0) {
                    out.write(',');
                }
                JsonStrings.writeQuoted(record.keys().get(i).keyName(), out);
                out.write(':');
                JsonStrings.writeQuoted(record.keyValue(i), out);
            }
            out.write('}');
            out.write('}');
        }
        out.write('}');
    }

    private static int estimate(FirehoseResponse response) {
        long size = ResponseSizes.ENVELOPE;
        for (TransformedRecord record : response.records()) {
            size += ResponseSizes.entry(record) + ResponseSizes.SEPARATOR;
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, size);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
