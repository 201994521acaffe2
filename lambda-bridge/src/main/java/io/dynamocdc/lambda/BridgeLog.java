package io.dynamocdc.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynamocdc.transform.InvalidOptionException;
import io.dynamocdc.transform.Version;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The Lambda's log: one JSON object per line, so CloudWatch Logs Insights can filter on fields. The
 * per-invocation line is also in CloudWatch Embedded Metric Format, so CloudWatch turns its counts into
 * metrics with no API call. Nothing from a record's contents is ever written: record ids, event ids,
 * field paths and reasons that leave values out.
 */
final class BridgeLog {

    /** Where lines go: the Lambda logger in AWS, a list in tests. */
    @FunctionalInterface
    interface Sink {
        void line(String json);
    }

    static final String METRIC_NAMESPACE = "dynamo-cdc";

    private static final String[] COUNT_METRICS = {"Records", "RecordsOk", "RecordsDropped", "RecordsFailed",
            "RecordsFailedOverResponseLimit"};

    private final Sink sink;

    BridgeLog(Sink sink) {
        this.sink = sink;
    }

    static BridgeLog discarding() {
        return new BridgeLog(line -> { });
    }

    void started(BridgeConfig config) {
        emit("INFO", "lambda-bridge ready", json -> {
            json.writeStringField("version", Version.get());
            json.writeObjectFieldStart("options");
            for (var option : config.transformOptions().asMap().entrySet()) {
                json.writeStringField(option.getKey(), option.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("partitionKeys");
            for (PartitionKey key : config.partitionKeys()) {
                json.writeString(key.keyName());
            }
            json.writeEndArray();
        });
    }

    void configurationInvalid(InvalidOptionException error) {
        emit("ERROR", "invalid configuration: every invocation fails until it is fixed", json -> {
            json.writeStringField("variable", error.option());
            json.writeStringField("value", error.value());
            json.writeStringField("reason", error.reason());
        });
    }

    void recordFailed(String invocationId, String recordId, String reason) {
        emit("WARN", "record failed", json -> {
            json.writeStringField("invocationId", invocationId);
            json.writeStringField("recordId", recordId);
            json.writeStringField("reason", reason);
        });
    }

    void invocationFailed(String requestId, String reason) {
        emit("ERROR", "invocation failed", json -> {
            json.writeStringField("requestId", requestId);
            json.writeStringField("reason", reason);
        });
    }

    void invocation(InvocationSummary summary) {
        emit("INFO", "batch transformed", json -> {
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", summary.endEpochMillis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", METRIC_NAMESPACE);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString("FunctionName");
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (String name : COUNT_METRICS) {
                metric(json, name, "Count");
            }
            metric(json, "DurationMs", "Milliseconds");
            metric(json, "RecordsPerSecond", "Count/Second");
            metric(json, "ResponseBytes", "Bytes");
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField("FunctionName", summary.functionName() == null ? "unknown" : summary.functionName());
            json.writeStringField("invocationId", summary.invocationId());
            json.writeStringField("requestId", summary.requestId());
            json.writeNumberField("Records", summary.records());
            json.writeNumberField("RecordsOk", summary.ok());
            json.writeNumberField("RecordsDropped", summary.dropped());
            json.writeNumberField("RecordsFailed", summary.failed());
            json.writeNumberField("RecordsFailedOverResponseLimit", summary.failedOverLimit());
            json.writeNumberField("DurationMs", Math.round(summary.durationNanos() / 1_000.0) / 1_000.0);
            json.writeNumberField("RecordsPerSecond", summary.recordsPerSecond());
            json.writeNumberField("ResponseBytes", summary.responseBytes());
        });
    }

    private static void metric(JsonGenerator json, String name, String unit) throws IOException {
        json.writeStartObject();
        json.writeStringField("Name", name);
        json.writeStringField("Unit", unit);
        json.writeEndObject();
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private void emit(String level, String message, Fields fields) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = FirehoseEventReader.JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("level", level);
            json.writeStringField("message", message);
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink.line(text.toString());
    }

    /** What one invocation did, for its log line. */
    record InvocationSummary(String functionName, String invocationId, String requestId, int records, int ok,
                             int dropped, int failed, int failedOverLimit, long durationNanos, long responseBytes,
                             long endEpochMillis) {

        long recordsPerSecond() {
            return durationNanos <= 0 ? 0 : Math.round(records * 1e9 / durationNanos);
        }
    }
}
