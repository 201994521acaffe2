package io.dynamocdc.lambda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Recorded Firehose events (src/test/resources/events), events built in code, and answers read back. */
final class Events {

    static final String ORDERS = "events/firehose-orders.json";
    static final String BAD_RECORDS = "events/firehose-bad-records.json";
    /** Valid base64 everywhere (so AWS's event model can load it), two records that cannot be transformed. */
    static final String MIXED = "events/firehose-mixed.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Events() {
    }

    static byte[] resource(String path) {
        try (InputStream in = Events.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + path + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FirehoseEvent read(String path) {
        return new FirehoseEventReader().read(resource(path));
    }

    /** The stream records inside a recorded event, decoded. */
    static List<byte[]> payloads(String path) {
        List<byte[]> payloads = new ArrayList<>();
        for (FirehoseRecord record : read(path).records()) {
            payloads.add(Base64.getDecoder().decode(record.data()));
        }
        return payloads;
    }

    /** An event of these stream records, record ids "r0", "r1", … */
    static FirehoseEvent of(List<byte[]> payloads) {
        List<FirehoseRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new FirehoseRecord("r" + i, 1_761_955_201_000L + i, Base64.getEncoder().encodeToString(payloads.get(i))));
        }
        return new FirehoseEvent("invocation-1", "arn:aws:firehose:ap-south-1:123456789012:deliverystream/orders-cdc",
                "ap-south-1", records);
    }

    static byte[] write(FirehoseResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new FirehoseResponseWriter().write(response, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Runs the whole invocation path (read, process, write) and parses the answer. */
    static JsonNode invoke(LambdaBridge bridge, byte[] event, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            bridge.handle(new ByteArrayInputStream(event), out, context);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String decoded(JsonNode answered) {
        return new String(Base64.getDecoder().decode(answered.get("data").asText()), StandardCharsets.UTF_8);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
