package io.dynamocdc.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * What Firehose does around the Lambda, for tests (Firehose itself cannot run here): it hands the
 * function batches of records, keeps the Ok rows, and writes each batch's rows into one object per
 * partition under the template's prefix, named as Firehose names them
 * ({@code <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>}, no extension). Rows are concatenated as
 * they are; the function ends each with a newline.
 */
final class FirehoseDeliveryStandIn {

    static final String DELIVERY_STREAM = "dynamo-cdc-changes";
    private static final DateTimeFormatter OBJECT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    /** One record the function answered ProcessingFailed: its index in the input and the data it gave back. */
    record Failed(int index, byte[] data) {
    }

    private final LambdaBridge function;
    private final Path bucket;
    private final String prefixTemplate;
    private final Random names = new Random(7);
    private final List<Failed> failed = new ArrayList<>();
    private final List<Path> objects = new ArrayList<>();
    private int invocations;

    /** {@code prefixTemplate} as in the template, e.g. {@code cdc/orders/dt=!{partitionKeyFromLambda:dt}/…}. */
    FirehoseDeliveryStandIn(LambdaBridge function, Path bucket, String prefixTemplate) {
        this.function = function;
        this.bucket = bucket;
        this.prefixTemplate = prefixTemplate;
    }

    /**
     * Delivers the payloads in batches of {@code batchSize}, each arriving at {@code arrival};
     * {@code firstIndex} is the first payload's index in the whole input (record ids follow it, so a
     * second delivery of the same records, as at-least-once delivery allows, has the same ids).
     */
    void deliver(List<byte[]> payloads, int firstIndex, int batchSize, Instant arrival) {
        for (int from = 0; from < payloads.size(); from += batchSize) {
            invoke(payloads.subList(from, Math.min(payloads.size(), from + batchSize)), firstIndex + from, arrival);
        }
    }

    List<Failed> failed() {
        return failed;
    }

    List<Path> objects() {
        return objects;
    }

    private void invoke(List<byte[]> batch, int firstIndex, Instant arrival) {
        ObjectNode event = Events.JSON.createObjectNode();
        event.put("invocationId", "invocation-" + ++invocations);
        event.put("deliveryStreamArn", "arn:aws:firehose:ap-south-1:123456789012:deliverystream/" + DELIVERY_STREAM);
        event.put("region", "ap-south-1");
        ArrayNode records = event.putArray("records");
        for (int i = 0; i < batch.size(); i++) {
            records.addObject()
                    .put("recordId", recordId(firstIndex + i))
                    .put("approximateArrivalTimestamp", arrival.toEpochMilli())
                    .put("data", Base64.getEncoder().encodeToString(batch.get(i)));
        }
        JsonNode answer = Events.invoke(function, event.toString().getBytes(StandardCharsets.UTF_8), new TestContext());

        Map<String, ByteArrayOutputStream> partitions = new LinkedHashMap<>();
        JsonNode answered = answer.path("records");
        if (answered.size() != batch.size()) {
            throw new AssertionError("the function answered " + answered.size() + " records of " + batch.size());
        }
        for (int i = 0; i < batch.size(); i++) {
            JsonNode record = answered.get(i);
            if (!recordId(firstIndex + i).equals(record.path("recordId").asText())) {
                throw new AssertionError("answer " + i + " is for " + record.path("recordId") + ", not " + recordId(firstIndex + i));
            }
            byte[] data = Base64.getDecoder().decode(record.path("data").asText());
            switch (record.path("result").asText()) {
                case "Ok" -> partitions.computeIfAbsent(prefix(record.path("metadata").path("partitionKeys")),
                        p -> new ByteArrayOutputStream()).writeBytes(data);
                case "ProcessingFailed" -> failed.add(new Failed(firstIndex + i, data));
                default -> throw new AssertionError("unexpected result " + record);
            }
        }
        partitions.forEach((prefix, rows) -> write(prefix, rows.toByteArray(), arrival));
    }

    private String prefix(JsonNode partitionKeys) {
        String prefix = prefixTemplate;
        for (Map.Entry<String, JsonNode> key : (Iterable<Map.Entry<String, JsonNode>>) partitionKeys::fields) {
            prefix = prefix.replace("!{partitionKeyFromLambda:" + key.getKey() + "}", key.getValue().asText());
        }
        if (prefix.contains("!{")) {
            // Firehose sends such records to the error prefix; our function must never cause it.
            throw new AssertionError("no value for a partition key of " + prefixTemplate + " in " + partitionKeys);
        }
        return prefix;
    }

    private void write(String prefix, byte[] rows, Instant arrival) {
        String name = DELIVERY_STREAM + "-1-" + OBJECT_TIME.format(arrival) + "-" + new UUID(names.nextLong(), names.nextLong());
        Path object = bucket.resolve(prefix).resolve(name);
        try {
            Files.createDirectories(object.getParent());
            Files.write(object, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objects.add(object);
    }

    private static String recordId(int index) {
        return "49546986683135544286507457936321625675700192471156785154-" + index;
    }
}
