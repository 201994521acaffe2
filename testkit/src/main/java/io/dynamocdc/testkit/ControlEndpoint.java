package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link EmulatorControl} over HTTP, for the CLI and for tools outside the JVM:
 * {@code POST /_dynamo-cdc/control} with a JSON body {@code {"action": "...", ...}}. Actions:
 * {@code advanceClock {millis}}, {@code setClock {epochMillis}}, {@code followSystemClock},
 * {@code streamSettings {initialShards, rollEveryRecords, rollEveryMillis, rollBySplitting}},
 * {@code splitShard / closeShard {streamArn, shardId}}, {@code openShards {streamArn}},
 * {@code expireItem {region, tableName, key}}, {@code limitGetRecords {callsPerSecondPerShard}},
 * {@code addFault {operation, kind: throttle|serverError|accessDenied|delay, delayMillis, times, everyNth,
 * probability, seed}}, {@code clearFaults}, {@code callCounts}, {@code resetCallCounts}.
 */
final class ControlEndpoint {

    static final String PATH = "/_dynamo-cdc/control";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatorControl control;

    ControlEndpoint(EmulatorControl control) {
        this.control = control;
    }

    ApiDispatcher.Answer handle(byte[] body) {
        ObjectNode answer = JSON.createObjectNode();
        try {
            JsonNode command = JSON.readTree(body);
            String action = command.path("action").asText();
            switch (action) {
                case "advanceClock" -> answer.put("now", control.advanceClock(Duration.ofMillis(command.path("millis").asLong())).toString());
                case "setClock" -> {
                    control.setClock(Instant.ofEpochMilli(command.path("epochMillis").asLong()));
                    answer.put("now", control.clock().now().toString());
                }
                case "followSystemClock" -> control.clock().followSystem();
                case "streamSettings" -> {
                    StreamSettings current = control.streamSettings();
                    long rollMillis = command.path("rollEveryMillis").asLong(current.rollEvery() == null ? 0 : current.rollEvery().toMillis());
                    control.streamSettings(new StreamSettings(
                            command.path("initialShards").asInt(current.initialShards()),
                            command.path("rollEveryRecords").asLong(current.rollEveryRecords()),
                            rollMillis > 0 ? Duration.ofMillis(rollMillis) : null,
                            command.path("rollBySplitting").asBoolean(current.rollBySplitting())));
                }
                case "splitShard" -> answer.putPOJO("children", control.splitShard(text(command, "streamArn"), text(command, "shardId")));
                case "closeShard" -> answer.put("child", control.closeShard(text(command, "streamArn"), text(command, "shardId")));
                case "openShards" -> answer.putPOJO("shards", control.openShards(text(command, "streamArn")));
                case "expireItem" -> answer.put("expired", control.expireItem(text(command, "region"), text(command, "tableName"),
                        (ObjectNode) command.path("key")));
                case "limitGetRecords" -> control.limitGetRecordsPerSecondPerShard(command.path("callsPerSecondPerShard").asInt());
                case "addFault" -> control.addFault(fault(command));
                case "clearFaults" -> control.clearFaults();
                case "callCounts" -> answer.putPOJO("calls", control.callCounts());
                case "resetCallCounts" -> control.resetCallCounts();
                default -> throw new IllegalArgumentException("unknown control action '" + action + "'");
            }
            return new ApiDispatcher.Answer(200, JSON.writeValueAsBytes(answer));
        } catch (IOException | RuntimeException e) {
            ObjectNode error = JSON.createObjectNode().put("error", String.valueOf(e.getMessage()));
            return new ApiDispatcher.Answer(400, ApiDispatcher.write(error));
        }
    }

    private static Fault fault(JsonNode command) {
        Fault.Builder fault = Fault.on(command.path("operation").asText("*"));
        switch (command.path("kind").asText()) {
            case "throttle" -> fault.throttle();
            case "serverError" -> fault.serverError();
            case "accessDenied" -> fault.accessDenied();
            case "delay" -> fault.delay(Duration.ofMillis(command.path("delayMillis").asLong()));
            default -> throw new IllegalArgumentException("fault kind must be throttle, serverError, accessDenied or delay");
        }
        if (command.has("times")) {
            fault.times(command.path("times").asLong());
        }
        if (command.has("everyNth")) {
            fault.everyNth(command.path("everyNth").asLong());
        }
        if (command.has("probability")) {
            fault.probability(command.path("probability").asDouble(), command.path("seed").asLong(42));
        }
        return fault.build();
    }

    private static String text(JsonNode command, String member) {
        JsonNode value = command.get(member);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + member + "' is required");
        }
        return value.asText();
    }
}
