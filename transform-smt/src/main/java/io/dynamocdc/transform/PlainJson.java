package io.dynamocdc.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes attribute values as plain JSON, the way analytics tools read them: {@code {"S":"x"}} becomes
 * {@code "x"}, numbers keep their exact text, binaries stay base64 text, sets become arrays.
 */
public final class PlainJson {

    private PlainJson() {
    }

    public static void write(JsonGenerator out, AttributeValue value) throws IOException {
        if (value instanceof AttributeValue.S s) {
            out.writeString(s.value());
        } else if (value instanceof AttributeValue.N n) {
            out.writeNumber(n.text());
        } else if (value instanceof AttributeValue.Bool b) {
            out.writeBoolean(b.value());
        } else if (value instanceof AttributeValue.M m) {
            writeItem(out, m.item());
        } else if (value instanceof AttributeValue.L l) {
            out.writeStartArray();
            for (AttributeValue member : l.values()) {
                write(out, member);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.B b) {
            out.writeString(b.base64());
        } else if (value instanceof AttributeValue.SS ss) {
            writeStrings(out, ss.values());
        } else if (value instanceof AttributeValue.NS ns) {
            out.writeStartArray();
            for (String number : ns.values()) {
                out.writeNumber(number);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.BS bs) {
            writeStrings(out, bs.values());
        } else {
            out.writeNull();
        }
    }

    public static void writeItem(JsonGenerator out, Item item) throws IOException {
        out.writeStartObject();
        for (int i = 0; i < item.size(); i++) {
            out.writeFieldName(item.name(i));
            write(out, item.value(i));
        }
        out.writeEndObject();
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
                writeItem(out, item);
            } else {
                write(out, value);
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
