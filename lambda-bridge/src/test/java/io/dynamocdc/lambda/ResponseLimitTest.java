package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The answer stays under the response limit whatever comes in; what does not fit fails, never the invocation. */
class ResponseLimitTest {

    private final List<String> log = new ArrayList<>();

    /**
     * Envelopes of tiny items are larger than the records they come from (the source block outweighs the
     * item): the case where transforming can push an answer past the limit.
     */
    private static final BridgeConfig ENVELOPES = BridgeConfig.fromEnvironment(Map.of("CDC_OUTPUT_FORMAT", "envelope"));

    private static FirehoseEvent tinyChanges(int count) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(("{\"eventID\":\"e" + i + "\",\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1761955200,"
                    + "\"Keys\":{\"k\":{\"S\":\"" + i + "\"}},\"NewImage\":{\"k\":{\"S\":\"" + i + "\"}},\"SequenceNumber\":\"" + i + "\"},"
                    + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/T/stream/2025\"}").getBytes(StandardCharsets.UTF_8));
        }
        return Events.of(payloads);
    }

    private static FirehoseEvent manyOrders(int count) {
        List<byte[]> samples = Events.payloads(Events.ORDERS);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(samples.get(i % samples.size()));
        }
        return Events.of(payloads);
    }

    @Test
    void sizesAreWorkedOutExactlyForFirehoseShapedRecords() {
        FirehoseEvent event = Events.read(Events.BAD_RECORDS);
        FirehoseResponse response = new FirehoseBatchProcessor(BridgeConfig.fromEnvironment(Map.of()))
                .process(event, BridgeLog.discarding()).response();

        long expected = ResponseSizes.ENVELOPE + (response.records().size() - 1) * ResponseSizes.SEPARATOR;
        for (TransformedRecord record : response.records()) {
            expected += ResponseSizes.entry(record);
        }
        assertThat((long) Events.write(response).length).isEqualTo(expected);
        FirehoseRecord first = event.records().get(0);
        assertThat(ResponseSizes.failedEntry(first))
                .isEqualTo(Events.write(new FirehoseResponse(List.of(TransformedRecord.failed(first.recordId(), first.data())))).length
                        - ResponseSizes.ENVELOPE);
    }

    @Test
    void quotedSizesAreExactForAnyTextAndTheAnswerStaysValidJson() {
        for (String text : new String[] {"", "plain", "tab\there", "quote\"back\\slash", "Zoë", "ड", "🚀", "\u0001\u001f\u007f"}) {
            byte[] answer = Events.write(new FirehoseResponse(List.of(TransformedRecord.failed(text, text))));
            int withoutText = Events.write(new FirehoseResponse(List.of(TransformedRecord.failed("", "")))).length;
            assertThat(answer.length - withoutText + 4L).as(text).isEqualTo(2L * JsonStrings.quotedLength(text));
            JsonNode record = Events.tree(new String(answer, StandardCharsets.UTF_8)).get("records").get(0);
            assertThat(record.get("recordId").asText()).isEqualTo(text);
            assertThat(record.get("data").asText()).isEqualTo(text);
        }
    }

    /** The answer's size when every record fails (the floor) and when every record is Ok. */
    private static long[] floorAndFull(FirehoseEvent event) {
        long floor = ResponseSizes.ENVELOPE + (event.records().size() - 1) * ResponseSizes.SEPARATOR;
        for (FirehoseRecord record : event.records()) {
            floor += ResponseSizes.failedEntry(record);
        }
        FirehoseResponse allOk = new FirehoseBatchProcessor(ENVELOPES).process(event, BridgeLog.discarding()).response();
        return new long[] {floor, Events.write(allOk).length};
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void recordsThatWouldPushTheAnswerOverTheLimitComeBackFailedWithTheirData(int quarter) {
        FirehoseEvent event = tinyChanges(200);
        long[] floorAndFull = floorAndFull(event);
        assertThat(floorAndFull[1]).as("envelopes are larger than the records they came from").isGreaterThan(floorAndFull[0]);
        int limit = (int) (floorAndFull[0] + quarter * (floorAndFull[1] - floorAndFull[0]) / 4);

        FirehoseBatchProcessor.Outcome outcome = new FirehoseBatchProcessor(ENVELOPES.withMaxResponseBytes(limit))
                .process(event, new BridgeLog(log::add));
        byte[] answer = Events.write(outcome.response());

        assertThat(answer.length).isLessThanOrEqualTo(limit);
        List<TransformedRecord> records = outcome.response().records();
        assertThat(records).hasSize(200);
        assertThat(outcome.failedOverLimit()).isPositive()
                .isEqualTo(outcome.response().count(TransformationResult.PROCESSING_FAILED));
        for (int i = 0; i < records.size(); i++) {
            TransformedRecord record = records.get(i);
            assertThat(record.recordId()).isEqualTo(event.records().get(i).recordId());
            if (record.result() == TransformationResult.PROCESSING_FAILED) {
                assertThat(record.originalData()).isEqualTo(event.records().get(i).data());
            }
        }
        assertThat(log).hasSize(outcome.failedOverLimit())
                .allSatisfy(line -> assertThat(line).contains("past the limit of " + limit + " bytes"));
    }

    @Test
    void aLimitBelowEvenTheFallbacksStillAnswersEveryRecordAsSmallAsItCan() {
        // Cannot happen behind Firehose (a failed record is smaller than the record Firehose sent), but
        // the answer must still name every record rather than fail the invocation.
        FirehoseEvent event = tinyChanges(20);
        FirehoseBatchProcessor.Outcome outcome = new FirehoseBatchProcessor(ENVELOPES.withMaxResponseBytes(1_000))
                .process(event, BridgeLog.discarding());
        FirehoseResponse allOk = new FirehoseBatchProcessor(ENVELOPES).process(event, BridgeLog.discarding()).response();

        assertThat(outcome.response().records()).hasSize(20);
        long smallest = ResponseSizes.ENVELOPE + 19L * ResponseSizes.SEPARATOR;
        for (int i = 0; i < 20; i++) {
            smallest += Math.min(ResponseSizes.entry(allOk.records().get(i)), ResponseSizes.failedEntry(event.records().get(i)));
        }
        assertThat(outcome.answerBytes()).isEqualTo(smallest).isEqualTo(Events.write(outcome.response()).length);
        assertThat(outcome.failedOverLimit()).isPositive();
    }

    @Test
    void asFewRecordsAsPossibleFallBack() {
        FirehoseEvent event = tinyChanges(50);
        long[] floorAndFull = floorAndFull(event);
        int limit = (int) ((floorAndFull[0] + floorAndFull[1]) / 2);
        FirehoseBatchProcessor.Outcome outcome = new FirehoseBatchProcessor(ENVELOPES.withMaxResponseBytes(limit))
                .process(event, BridgeLog.discarding());

        List<TransformedRecord> records = outcome.response().records();
        assertThat(outcome.answerBytes()).isEqualTo(Events.write(outcome.response()).length).isLessThanOrEqualTo(limit);
        assertThat(records).extracting(TransformedRecord::result).doesNotContain(TransformationResult.DROPPED);
        // Answering any one of the fallen-back records Ok again would not fit.
        FirehoseResponse allOk = new FirehoseBatchProcessor(ENVELOPES).process(event, BridgeLog.discarding()).response();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).result() == TransformationResult.PROCESSING_FAILED) {
                long saving = ResponseSizes.entry(allOk.records().get(i)) - ResponseSizes.entry(records.get(i));
                assertThat(outcome.answerBytes() + saving).as("record %d", i).isGreaterThan(limit);
            }
        }
    }

    @Test
    void aBatchWhoseRowsFitIsNotCutBecauseItsFallbacksWouldNot() {
        // The rows are smaller than the records they came from: all Ok fits even where all failed would not.
        FirehoseEvent event = Events.read(Events.BAD_RECORDS);
        FirehoseBatchProcessor.Outcome outcome = new FirehoseBatchProcessor(BridgeConfig.fromEnvironment(Map.of()).withMaxResponseBytes(2_000))
                .process(event, BridgeLog.discarding());

        assertThat(outcome.failedOverLimit()).isZero();
        assertThat(outcome.response().count(TransformationResult.OK)).isEqualTo(2);
        assertThat(Events.write(outcome.response()).length).isLessThanOrEqualTo(2_000);
    }

    @Test
    void theDefaultLimitKeepsAFullBatchOk() {
        // 5,000 seed orders (a 4.5 MB event, more than Firehose buffers for a Lambda): all fit the default limit.
        FirehoseEvent event = manyOrders(5_000);
        FirehoseBatchProcessor.Outcome outcome = new FirehoseBatchProcessor(BridgeConfig.fromEnvironment(Map.of()))
                .process(event, BridgeLog.discarding());

        assertThat(outcome.response().count(TransformationResult.OK)).isEqualTo(5_000);
        assertThat(Events.write(outcome.response()).length).isLessThanOrEqualTo(BridgeConfig.MAX_RESPONSE_BYTES);
    }

    @Test
    void theWrittenAnswerParsesAsFirehoseExpects() {
        FirehoseResponse response = new FirehoseBatchProcessor(BridgeConfig.fromEnvironment(Map.of()))
                .process(Events.read(Events.ORDERS), BridgeLog.discarding()).response();

        JsonNode answer = Events.tree(new String(Events.write(response), StandardCharsets.UTF_8));

        assertThat(answer.size()).isEqualTo(1);
        JsonNode first = answer.get("records").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("recordId", "result", "data", "metadata");
        assertThat(first.get("result").asText()).isEqualTo("Ok");
        assertThat(first.get("metadata").get("partitionKeys").toString()).isEqualTo("{\"dt\":\"2025-11-01\",\"hour\":\"00\"}");
        assertThat(Events.decoded(first)).startsWith("{\"orderid\":\"4821\"").endsWith("}\n");
    }
}
