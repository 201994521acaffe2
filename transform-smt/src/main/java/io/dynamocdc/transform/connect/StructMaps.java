package io.dynamocdc.transform.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** A Struct-shaped stream record as the plain Maps and Lists the core reads. */
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
        return value;
    }
}
