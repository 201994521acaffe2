package io.dynamocdc.lambda;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Firehose's data-transformation event: the batch one invocation transforms.
 *
 * @param invocationId      Firehose's id of this invocation (for logs)
 * @param deliveryStreamArn the delivery stream calling
 * @param region            its region
 * @param records           the records, in Firehose's order
 */
public record FirehoseEvent(String invocationId, String deliveryStreamArn, String region, List<FirehoseRecord> records) {

    public FirehoseEvent {
        records = List.copyOf(records);
    }

    /**
     * One record of the batch: its id, arrival time and {@code data} exactly as Firehose sent it, so a
     * record that fails goes back unchanged. Plain data (base64 is plain ASCII) stays where it is in the
     * event's bytes until something needs it, which saves copying every record into a String.
     */
    public static final class FirehoseRecord {

        private final String recordId;
        private final long approximateArrivalTimestamp;
        private final byte[] source;
        private final int dataOffset;
        private final int dataLength;
        private final byte[] decoded;
        private String data;
        private int quotedIdLength = -1;

        /**
         * @param recordId                    the id the answer must carry back
         * @param approximateArrivalTimestamp when Firehose received it, epoch milliseconds; 0 when absent
         * @param data                        the base64 text as sent; {@code null} when the record had none
         */
        public FirehoseRecord(String recordId, long approximateArrivalTimestamp, String data) {
            this(recordId, approximateArrivalTimestamp, null, 0, 0, data, null);
        }

        /**
         * A record whose data is the printable ASCII at {@code source[offset, offset + length)}, and its
         * payload when that was decoded on the way ({@code null} to decode it when asked).
         */
        static FirehoseRecord inPlace(String recordId, long approximateArrivalTimestamp, byte[] source, int offset, int length,
                                      byte[] decoded) {
            return new FirehoseRecord(recordId, approximateArrivalTimestamp, source, offset, length, null, decoded);
        }

        private FirehoseRecord(String recordId, long arrival, byte[] source, int offset, int length, String data, byte[] decoded) {
            this.recordId = recordId;
            this.approximateArrivalTimestamp = arrival;
            this.source = source;
            this.dataOffset = offset;
            this.dataLength = length;
            this.data = data;
            this.decoded = decoded;
        }

        public String recordId() {
            return recordId;
        }

        public long approximateArrivalTimestamp() {
            return approximateArrivalTimestamp;
        }

        /** The base64 text as Firehose sent it; {@code null} when the record had no data. */
        public String data() {
            if (data == null && source != null) {
                data = new String(source, dataOffset, dataLength, StandardCharsets.ISO_8859_1);
            }
            return data;
        }

        boolean hasData() {
            return source != null || data != null;
        }

        /** The decoded payload (the DynamoDB stream record), or {@code null} when the data is not base64. */
        byte[] payload() {
            if (decoded != null) {
                return decoded;
            }
            if (source != null) {
                return Base64Codec.decode(source, dataOffset, dataLength);
            }
            for (int i = 0; i < data.length(); i++) {
                if (data.charAt(i) >= 0x80) {
                    return null; // not base64, and the conversion below would hide it
                }
            }
            byte[] text = data.getBytes(StandardCharsets.ISO_8859_1);
            return Base64Codec.decode(text, 0, text.length);
        }

        /** The data as a quoted JSON string: what goes back when the record is not answered Ok. */
        void writeQuotedData(ByteSink out) {
            if (source != null) {
                out.write('"');
                out.write(source, dataOffset, dataLength);
                out.write('"');
            } else {
                JsonStrings.writeQuoted(data == null ? "" : data, out);
            }
        }

        /** The id's length as a quoted JSON string, worked out once: every answer size needs it. */
        int quotedIdLength() {
            if (quotedIdLength < 0) {
                quotedIdLength = JsonStrings.quotedLength(recordId);
            }
            return quotedIdLength;
        }

        int quotedDataLength() {
            return source != null ? dataLength + 2 : JsonStrings.quotedLength(data == null ? "" : data);
        }

        @Override
        public String toString() {
            return "FirehoseRecord[" + recordId + "]";
        }
    }
}
