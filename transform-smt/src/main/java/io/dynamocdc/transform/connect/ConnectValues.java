package io.dynamocdc.transform.connect;

import io.dynamocdc.transform.AttributeValue;
import io.dynamocdc.transform.DynamoNumbers;
import io.dynamocdc.transform.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute values as schemaless Connect values, which converters (JsonConverter above all) can
 * write. Numbers follow {@link DynamoNumbers#plainValue}: Long, Double or exact text, never rounded.
 */
final class ConnectValues {

    private ConnectValues() {
    }

    static Object plain(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return DynamoNumbers.plainValue(n.text());
        }
        if (value instanceof AttributeValue.Bool b) {
            return b.value();
        }
        if (value instanceof AttributeValue.M m) {
            return plain(m.item());
        }
        if (value instanceof AttributeValue.L l) {
            List<Object> list = new ArrayList<>(l.values().size());
            for (AttributeValue member : l.values()) {
                list.add(plain(member));
            }
            return list;
        }
        if (value instanceof AttributeValue.B b) {
            return b.base64();
        }
        if (value instanceof AttributeValue.SS ss) {
            return ss.values();
        }
        if (value instanceof AttributeValue.NS ns) {
            List<Object> list = new ArrayList<>(ns.values().size());
            for (String member : ns.values()) {
                list.add(DynamoNumbers.plainValue(member));
            }
            return list;
        }
        if (value instanceof AttributeValue.BS bs) {
            return bs.values();
        }
        return null;
    }

    static Map<String, Object> plain(Item item) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < item.size(); i++) {
            map.put(item.name(i), plain(item.value(i)));
        }
        return map;
    }

}
