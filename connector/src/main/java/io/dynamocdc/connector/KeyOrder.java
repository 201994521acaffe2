package io.dynamocdc.connector;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of a table's key attributes in the records' keys: the hash key, then the range key, as the
 * table's key schema names them. A GetRecords answer may list them either way, and a key's bytes decide
 * its Kafka partition and what compaction keeps, so one item must always give the same bytes.
 *
 * @param names the key attributes in order; empty leaves keys as they were read
 */
record KeyOrder(List<String> names) {

    static final KeyOrder AS_READ = new KeyOrder(List.of());

    KeyOrder {
        names = List.copyOf(names);
    }

    /** The keys in this order (attributes the schema does not name, if any, after them); the same map when already so. */
    Map<String, Object> apply(Map<String, Object> keys) {
        if (keys.size() < 2 || names.isEmpty() || inOrder(keys)) {
            return keys;
        }
        Map<String, Object> ordered = new LinkedHashMap<>(keys.size() * 2);
        for (String name : names) {
            Object value = keys.get(name);
            if (value != null) {
                ordered.put(name, value);
            }
        }
        keys.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private boolean inOrder(Map<String, Object> keys) {
        Iterator<String> read = keys.keySet().iterator();
        for (String name : names) {
            if (!read.hasNext() || !read.next().equals(name)) {
                return false;
            }
        }
        return true;
    }
}
