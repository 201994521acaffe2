package io.dynamocdc.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes attribute values as plain JSON, the way analytics tools read them: {@code {"S":"x"}} becomes
 * {@code "x"}, binaries stay base64 text, sets become arrays. Numbers in a row follow
 * {@link DynamoNumbers#plainValue} (what Kafka's JsonConverter writes for the SMT, so both paths give
 * the same bytes); numbers in JSON text ({@link #toText}) keep their exact spelling.
 */
public final class PlainJson {

    private PlainJson() {
    }

    public static void write(JsonGenerator out, AttributeValue value) throws IOException {
        write(out, value, false);
    }

    private static void write(JsonGenerator out, AttributeValue value, boolean exact) throws IOException {
        if (value instanceof AttributeValue.S s) {
            out.writeString(s.value());
        } else if (value instanceof AttributeValue.N n) {
            writeNumber(out, n.text(), exact);
        } else if (value instanceof AttributeValue.Bool b) {
            out.writeBoolean(b.value());
        } else if (value instanceof AttributeValue.M m) {
            writeItem(out, m.item(), exact);
        } else if (value instanceof AttributeValue.L l) {
            out.writeStartArray();
            for (AttributeValue member : l.values()) {
                write(out, member, exact);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.B b) {
            out.writeString(b.base64());
        } else if (value instanceof AttributeValue.SS ss) {
            writeStrings(out, ss.values());
        } else if (value instanceof AttributeValue.NS ns) {
            out.writeStartArray();
            for (String number : ns.values()) {
                writeNumber(out, number, exact);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.BS bs) {
            writeStrings(out, bs.values());
        } else {
            out.writeNull();
        }
    }

    public static void writeItem(JsonGenerator out, Item item) throws IOException {
        writeItem(out, item, false);
    }

    private static void writeItem(JsonGenerator out, Item item, boolean exact) throws IOException {
        out.writeStartObject();
        for (int i = 0; i < item.size(); i++) {
            out.writeFieldName(item.name(i));
            write(out, item.value(i), exact);
        }
        out.writeEndObject();
    }

    private static void writeNumber(JsonGenerator out, String text, boolean exact) throws IOException {
        if (exact) {
            out.writeNumber(text);
            return;
        }
        Object plain = DynamoNumbers.plainValue(text);
        if (plain instanceof Long whole) {
            out.writeNumber(whole.longValue());
        } else if (plain instanceof Double approximate) {
            out.writeNumber(approximate.doubleValue());
        } else {
            out.writeString((String) plain);
        }
    }

    /** The value as compact JSON text. */
    public static String toText(AttributeValue value) {
        return render(value, null);
    }

    /** The item as a compact JSON object. */
    public static String toText(Item item) {
        return render(null, item);
    }

    private static String render(AttributeValue value, Item item) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator out = ChangeEventParser.JSON.createGenerator(bytes)) {
            if (item != null) {
                writeItem(out, item, true);
            } else {
                write(out, value, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    private static void writeStrings(JsonGenerator out, java.util.List<String> values) throws IOException {
        out.writeStartArray();
        for (String member : values) {
            out.writeString(member);
        }
        out.writeEndArray();
    }
}
