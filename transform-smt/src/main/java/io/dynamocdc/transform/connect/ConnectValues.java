package io.dynamocdc.transform.connect;

import io.dynamocdc.transform.AttributeValue;
import io.dynamocdc.transform.Item;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute values as schemaless Connect values, which converters (JsonConverter above all) can
 * write. JsonConverter has no schemaless form for BigDecimal, so a number becomes a {@link Long} when
 * it is whole and fits, a {@link Double} when the double spells back to the very same decimal, and
 * otherwise its exact decimal text as a String: never a rounded value.
 */
final class ConnectValues {

    private ConnectValues() {
    }

    static Object plain(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return number(n.text());
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
                list.add(number(member));
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

    /** Exact decimal text → Long, Double or (only when neither is exact) the text itself. */
    static Object number(String text) {
        if (isPlainInteger(text) && text.length() <= 18) {
            return Long.parseLong(text);
        }
        BigDecimal exact = new BigDecimal(text);
        if (exact.signum() == 0) {
            return 0L;
        }
        BigDecimal whole = exact.stripTrailingZeros();
        if (whole.scale() <= 0 && whole.precision() - whole.scale() <= 18) {
            return whole.longValueExact();
        }
        double approximate = exact.doubleValue();
        if (Double.isFinite(approximate) && new BigDecimal(Double.toString(approximate)).compareTo(exact) == 0) {
            return approximate;
        }
        return text;
    }

    private static boolean isPlainInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
