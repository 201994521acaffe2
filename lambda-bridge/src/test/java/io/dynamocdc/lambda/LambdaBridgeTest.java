package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One invocation as the handler runs it: configuration, event in, answer and log lines out. */
class LambdaBridgeTest {

    private final List<String> initLog = new ArrayList<>();
    private final TestContext context = new TestContext();

    @Test
    void logsItsConfigurationAtInit() {
        LambdaBridge.fromEnvironment(Map.of("CDC_PARTITION_KEYS", "table,dt"), initLog::add);

        assertThat(initLog).singleElement().satisfies(line -> {
            JsonNode json = Events.tree(line);
            assertThat(json.get("level").asText()).isEqualTo("INFO");
            assertThat(json.get("options").get("output.format").asText()).isEqualTo("row");
            assertThat(json.get("partitionKeys").toString()).isEqualTo("[\"table\",\"dt\"]");
        });
    }

    @Test
    void invalidConfigurationIsLoggedAtInitAndFailsTheInvocationBeforeAnyRecord() {
        LambdaBridge bridge = LambdaBridge.fromEnvironment(Map.of("CDC_ROW_FIELDS", "price:money"), initLog::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(initLog).singleElement().asString().contains("\"level\":\"ERROR\"", "\"variable\":\"CDC_ROW_FIELDS\"",
                "unknown type 'money'");
        assertThatThrownBy(() -> bridge.handle(new ByteArrayInputStream(Events.resource(Events.ORDERS)), out, context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("dynamo-cdc lambda-bridge is misconfigured: invalid value 'price:money' for option CDC_ROW_FIELDS")
                .hasMessageContaining("unknown type 'money'");
        assertThat(out.size()).isZero();
        assertThat(context.lines()).singleElement().asString().contains("invocation failed", TestContext.REQUEST_ID);
    }

    @Test
    void anInvalidPartitionKeyIsAConfigurationError() {
        LambdaBridge bridge = LambdaBridge.fromEnvironment(Map.of("CDC_PARTITION_KEYS", "dt,minute"), initLog::add);

        assertThatThrownBy(() -> bridge.handle(new ByteArrayInputStream(Events.resource(Events.ORDERS)), new ByteArrayOutputStream(), context))
                .hasMessageContaining("CDC_PARTITION_KEYS").hasMessageContaining("unknown partition key 'minute'");
    }

    @Test
    void anEventThatIsNoFirehoseEventFailsTheInvocationClearly() {
        LambdaBridge bridge = LambdaBridge.fromEnvironment(Map.of(), initLog::add);
        String[][] cases = {
                {"[1,2]", "not a JSON object"},
                {"{\"invocationId\":\"x\"}", "has no 'records' array"},
                {"{\"records\":[{\"data\":\"e30=\"}]}", "records[0] has no recordId"},
                {"{\"records\":{}}", "'records' is not an array"},
                {"{\"records\":[", "not valid JSON"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> bridge.handle(new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), context))
                    .as(c[0]).isInstanceOf(InvalidEventException.class).hasMessageContaining(c[1]);
        }
    }

    @Test
    void anEmptyBatchGetsAnEmptyAnswer() {
        JsonNode answer = Events.invoke(LambdaBridge.fromEnvironment(Map.of(), initLog::add),
                "{\"invocationId\":\"i\",\"records\":[]}".getBytes(StandardCharsets.UTF_8), context);

        assertThat(answer.toString()).isEqualTo("{\"records\":[]}");
    }

    @Test
    void unknownEventFieldsAreIgnored() {
        String event = "{\"invocationId\":\"i\",\"sourceKinesisStreamArn\":\"arn:aws:kinesis:x\",\"records\":[{\"recordId\":\"1\","
                + "\"data\":\"bm90IGEgcmVjb3Jk\",\"kinesisRecordMetadata\":{\"shardId\":\"s\",\"sequenceNumber\":\"1\"}}]}";

        JsonNode answer = Events.invoke(LambdaBridge.fromEnvironment(Map.of(), initLog::add),
                event.getBytes(StandardCharsets.UTF_8), context);

        assertThat(answer.get("records").get(0).get("result").asText()).isEqualTo("ProcessingFailed");
        assertThat(answer.get("records").get(0).get("data").asText()).isEqualTo("bm90IGEgcmVjb3Jk");
    }

    @Test
    void oneLogLinePerInvocationInEmbeddedMetricFormat() {
        LambdaBridge bridge = LambdaBridge.fromEnvironment(Map.of(), initLog::add);

        Events.invoke(bridge, Events.resource(Events.BAD_RECORDS), context);

        List<String> lines = context.lines();
        assertThat(lines).hasSize(6); // five failed records, one summary
        JsonNode summary = Events.tree(lines.get(5));
        assertThat(summary.get("message").asText()).isEqualTo("batch transformed");
        assertThat(summary.get("Records").asInt()).isEqualTo(7);
        assertThat(summary.get("RecordsOk").asInt()).isEqualTo(2);
        assertThat(summary.get("RecordsDropped").asInt()).isZero();
        assertThat(summary.get("RecordsFailed").asInt()).isEqualTo(5);
        assertThat(summary.get("RecordsFailedOverResponseLimit").asInt()).isZero();
        assertThat(summary.get("ResponseBytes").asLong()).isPositive();
        assertThat(summary.get("DurationMs").isNumber()).isTrue();
        assertThat(summary.get("RecordsPerSecond").asLong()).isPositive();
        assertThat(summary.get("FunctionName").asText()).isEqualTo(TestContext.FUNCTION_NAME);
        assertThat(summary.get("requestId").asText()).isEqualTo(TestContext.REQUEST_ID);
        assertThat(summary.get("invocationId").asText()).isEqualTo("00540a87-5050-496a-84e4-e7d92bbaf5e2");

        // EMF: every metric named in the directive is a number on the root, every dimension a string there.
        JsonNode directive = summary.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(summary.get("_aws").get("Timestamp").asLong()).isPositive();
        assertThat(directive.get("Namespace").asText()).isEqualTo("dynamo-cdc");
        Set<String> names = new HashSet<>();
        directive.get("Metrics").forEach(metric -> {
            names.add(metric.get("Name").asText());
            JsonNode value = summary.get(metric.get("Name").asText());
            assertThat(value).as(metric.toString()).isNotNull();
            assertThat(value.isNumber()).as(metric.toString()).isTrue();
        });
        assertThat(names).contains("RecordsOk", "RecordsFailed", "DurationMs", "RecordsPerSecond");
        directive.get("Dimensions").get(0).forEach(dimension -> assertThat(summary.get(dimension.asText()).isTextual()).isTrue());
    }

    @Test
    void theAnswerIsWhatTheBatchProcessorGave() {
        LambdaBridge bridge = LambdaBridge.fromEnvironment(Map.of(), initLog::add);

        JsonNode answer = Events.invoke(bridge, Events.resource(Events.BAD_RECORDS), context);

        assertThat(answer.get("records")).hasSize(7);
        assertThat(answer.get("records").get(1).get("result").asText()).isEqualTo("ProcessingFailed");
        assertThat(answer.get("records").get(1).get("data").asText()).isEqualTo("not base64!");
        assertThat(answer.get("records").get(1).has("metadata")).isFalse();
        assertThat(Events.decoded(answer.get("records").get(5))).contains("\"cdc_event_type\":\"REMOVE\"");
    }
}
