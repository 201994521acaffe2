package io.dynamocdc.transform.connect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A Struct-shaped stream record as the plain Maps and Lists the core reads. Connect lets a BYTES value
 * be a byte[] or a ByteBuffer; the core reads byte[], so buffers are copied out. A Timestamp value (a
 * creation time typed by a schema-ful source) becomes ISO-8601 text, which the core reads as an
 * instant whatever the record's shape (a number would be seconds or milliseconds depending on it).
 */
final class StructMaps {

    private StructMaps() {
    }

    static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            Object value = struct.get(field);
            if (value != null) {
                map.put(field.name(), plain(value));
            }
        }
        return map;
    }

    private static Object plain(Object value) {
        if (value instanceof Struct struct) {
            return toMap(struct);
        }
        if (value instanceof List<?> list) {
            List<Object> plain = new ArrayList<>(list.size());
            for (Object member : list) {
                plain.add(plain(member));
            }
            return plain;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
            return plain;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof ByteBuffer buffer) {
            return bytes(buffer);
        }
        return value;
    }

    /** The buffer's remaining bytes, leaving its position alone. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
