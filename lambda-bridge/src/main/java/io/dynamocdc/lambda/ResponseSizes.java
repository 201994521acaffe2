package io.dynamocdc.lambda;

import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;

/**
 * Exact sizes of the answer's JSON as {@link FirehoseResponseWriter} writes it, worked out before
 * anything is written so the processor can keep the answer under the limit.
 */
final class ResponseSizes {

    /** {@code {"records":[]}}. */
    static final int ENVELOPE = FirehoseResponseWriter.START.length + FirehoseResponseWriter.END.length;
    /** The comma between two records. */
    static final int SEPARATOR = 1;

    private static final int ENTRY_FIXED = FirehoseResponseWriter.RECORD_ID.length + FirehoseResponseWriter.RESULT.length
            + 2 + FirehoseResponseWriter.DATA.length + 1;
    private static final int METADATA_FIXED = FirehoseResponseWriter.METADATA.length + 2;

    private ResponseSizes() {
    }

    /** One answered record, without the separator before it. */
    static long entry(TransformedRecord record) {
        long data = record.row() != null ? 2 + Base64Codec.encodedLength(record.row().length) : record.received().quotedDataLength();
        long size = ENTRY_FIXED + record.received().quotedIdLength() + record.result().wireName().length() + data;
        int keys = record.keys().size();
        if (keys > 0) {
            size += METADATA_FIXED + (keys - 1);
            for (int i = 0; i < keys; i++) {
                size += JsonStrings.quotedLength(record.keys().get(i).keyName()) + 1 + JsonStrings.quotedLength(record.keyValue(i));
            }
        }
        return size;
    }

    /** The record answered ProcessingFailed with its original data: what an Ok record falls back to. */
    static long failedEntry(FirehoseRecord record) {
        return ENTRY_FIXED + record.quotedIdLength() + TransformationResult.PROCESSING_FAILED.wireName().length()
                + record.quotedDataLength();
    }
}
