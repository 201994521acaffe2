package io.dynamocdc.lambda;

import java.util.List;

/** The Lambda's answer to one Firehose invocation: one record per record received, in the same order. */
public record FirehoseResponse(List<TransformedRecord> records) {

    public FirehoseResponse {
        records = List.copyOf(records);
    }

    /** How many records carry this result. */
    public int count(TransformationResult result) {
        int count = 0;
        for (TransformedRecord record : records) {
            if (record.result() == result) {
                count++;
            }
        }
        return count;
    }
}
