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
 * limit: when the transformed batch would not fit, the fewest Ok records that make it fit go back
 * ProcessingFailed with their data — never the invocation.
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
        List<TransformedRecord> answers = new ArrayList<>(count);
        long[] sizes = new long[count];
        long total = ResponseSizes.ENVELOPE + Math.max(0, count - 1) * (long) ResponseSizes.SEPARATOR;
        for (int i = 0; i < count; i++) {
            TransformedRecord answer = transform(records.get(i), event.invocationId(), log);
            sizes[i] = ResponseSizes.entry(answer);
            total += sizes[i];
            answers.add(answer);
        }
        int overLimit = 0;
        if (total > config.maxResponseBytes()) {
            overLimit = fitToLimit(records, answers, sizes, total, event.invocationId(), log);
            total = ResponseSizes.ENVELOPE + Math.max(0, count - 1) * (long) ResponseSizes.SEPARATOR;
            for (long size : sizes) {
                total += size;
            }
        }
        return new Outcome(new FirehoseResponse(answers), total, overLimit);
    }

    /**
     * Turns Ok records back into ProcessingFailed with their original data until the answer fits: those
     * whose row adds the most over their fallback first, so as few as possible fail. A fallback is never
     * larger than the record Firehose sent, so the answer always fits Lambda's own limit; it stays over
     * ours only when even every fallback cannot bring it down. Returns how many were turned back.
     */
    private int fitToLimit(List<FirehoseRecord> records, List<TransformedRecord> answers, long[] sizes, long total,
                           String invocationId, BridgeLog log) {
        List<Integer> candidates = new ArrayList<>();
        long[] saving = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            if (answers.get(i).result() == TransformationResult.OK) {
                saving[i] = sizes[i] - ResponseSizes.failedEntry(records.get(i));
                if (saving[i] > 0) {
                    candidates.add(i);
                }
            }
        }
        // Largest saving first; among equals the later record, so earlier ones stay Ok.
        candidates.sort((a, b) -> saving[a] != saving[b] ? Long.compare(saving[b], saving[a]) : Integer.compare(b, a));
        int turned = 0;
        for (int i : candidates) {
            if (total <= config.maxResponseBytes()) {
                break;
            }
            FirehoseRecord record = records.get(i);
            answers.set(i, TransformedRecord.failed(record));
            sizes[i] -= saving[i];
            total -= saving[i];
            turned++;
            log.recordFailed(invocationId, record.recordId(), OVER_LIMIT_REASON + config.maxResponseBytes() + " bytes");
        }
        return turned;
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
