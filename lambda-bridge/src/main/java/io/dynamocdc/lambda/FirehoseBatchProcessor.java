package io.dynamocdc.lambda;

import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import io.dynamocdc.transform.InvalidRecordException;
import io.dynamocdc.transform.JsonTransform;
import io.dynamocdc.transform.TransformedLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Transforms one Firehose batch, record by record. Each record is isolated: whatever goes wrong with one
 * (bad base64, a malformed stream record, a value that does not fit its column, a bug) makes that record
 * ProcessingFailed with its original data, and the rest go on. The answer is kept under the response
 * limit: before a record is answered Ok, room is kept for every later record to come back
 * ProcessingFailed, so an Ok that does not fit is the one that falls back, never the invocation.
 * Thread-safe; build once.
 */
final class FirehoseBatchProcessor {

    static final String OVER_LIMIT_REASON = "the transformed record would push the response past the limit of ";

    private final BridgeConfig config;
    private final Function<byte[], TransformedLine> transform;

    FirehoseBatchProcessor(BridgeConfig config) {
        this(config, JsonTransform.create(config.transformOptions())::transformLine);
    }

    /** With the transform step given, so tests can make it fail unexpectedly. */
    FirehoseBatchProcessor(BridgeConfig config, Function<byte[], TransformedLine> transform) {
        this.config = config;
        this.transform = transform;
    }

    /** One batch's answer, its exact size in bytes, and how many records fell back for lack of room. */
    record Outcome(FirehoseResponse response, long answerBytes, int failedOverLimit) {
    }

    Outcome process(FirehoseEvent event, BridgeLog log) {
        List<FirehoseRecord> records = event.records();
        int count = records.size();
        long[] fallback = new long[count];
        long reserved = 0;
        for (int i = 0; i < count; i++) {
            fallback[i] = ResponseSizes.failedEntry(records.get(i)) + (i > 0 ? ResponseSizes.SEPARATOR : 0);
            reserved += fallback[i];
        }
        long used = ResponseSizes.ENVELOPE;
        int overLimit = 0;
        List<TransformedRecord> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FirehoseRecord record = records.get(i);
            reserved -= fallback[i];
            TransformedRecord answer = transform(record, event.invocationId(), log);
            long size = answer.result() == TransformationResult.PROCESSING_FAILED ? fallback[i]
                    : ResponseSizes.entry(answer) + (i > 0 ? ResponseSizes.SEPARATOR : 0);
            // Fallbacks are smaller than the records Firehose sent, so they always fit Lambda's own limit.
            if (used + size + reserved > config.maxResponseBytes() && answer.result() == TransformationResult.OK) {
                answer = TransformedRecord.failed(record);
                size = fallback[i];
                overLimit++;
                log.recordFailed(event.invocationId(), record.recordId(), OVER_LIMIT_REASON + config.maxResponseBytes() + " bytes");
            }
            used += size;
            answers.add(answer);
        }
        return new Outcome(new FirehoseResponse(answers), used, overLimit);
    }

    private TransformedRecord transform(FirehoseRecord record, String invocationId, BridgeLog log) {
        String reason;
        try {
            byte[] payload = record.hasData() ? record.payload() : null;
            if (!record.hasData()) {
                reason = "the record has no data";
            } else if (payload == null) {
                reason = "the record's data is not base64";
            } else {
                TransformedLine line = transform.apply(payload);
                if (line.line() == null) {
                    return TransformedRecord.dropped(record);
                }
                List<PartitionKey> keys = config.partitionKeys();
                String[] values = new String[keys.size()];
                String missing = null;
                for (int k = 0; k < values.length && missing == null; k++) {
                    values[k] = keys.get(k).valueOf(line);
                    if (values[k] == null || values[k].isEmpty()) {
                        missing = keys.get(k).keyName();
                    }
                }
                if (missing == null) {
                    return TransformedRecord.ok(record, line.line(), keys, values);
                }
                reason = "the record carries no value for a configured partition key (" + missing + ")";
            }
        } catch (InvalidRecordException e) {
            reason = e.describeWithoutValues();
        } catch (RuntimeException | StackOverflowError e) {
            // A fault of ours, not of the record: still only this record fails.
            reason = "unexpected " + e.getClass().getName() + " while transforming the record";
        }
        log.recordFailed(invocationId, record.recordId(), reason);
        return TransformedRecord.failed(record);
    }
}
