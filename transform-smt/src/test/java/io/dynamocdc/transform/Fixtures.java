package io.dynamocdc.transform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Recorded stream records under src/test/resources/records, and JSON helpers for assertions. */
public final class Fixtures {

    /** Reads numbers as BigDecimal so that assertions compare exact values. */
    public static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/records/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture records/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8).trim();
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return EXACT.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(byte[] bytes) {
        try {
            return new ObjectMapper().readValue(bytes, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonTransform transform(String... options) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            values.put(options[i], options[i + 1]);
        }
        return JsonTransform.create(TransformOptions.parse(values),
                java.time.Clock.fixed(java.time.Instant.parse("2026-01-02T03:04:05.678Z"), java.time.ZoneOffset.UTC));
    }

    public static String row(JsonTransform transform, String fixture) {
        byte[] out = transform.apply(bytes(fixture));
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }
}
