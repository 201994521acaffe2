package io.dynamocdc.testkit.witness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Field-by-field comparison of two observation trees, by path ({@code step.Member[2].Member}). */
final class TreeDiff {

    static final String ABSENT = "<absent>";

    /** One leaf that differs. */
    record Difference(String path, Object emulator, Object moto) {
        @Override
        public String toString() {
            return path + "\n    emulator: " + emulator + "\n    moto:     " + moto;
        }
    }

    private TreeDiff() {
    }

    static List<Difference> between(Map<String, Object> emulator, Map<String, Object> moto) {
        Map<String, Object> left = flatten(emulator);
        Map<String, Object> right = flatten(moto);
        Set<String> paths = new LinkedHashSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String path : paths) {
            Object a = left.getOrDefault(path, ABSENT);
            Object b = right.getOrDefault(path, ABSENT);
            if (!Objects.equals(a, b)) {
                differences.add(new Difference(path, a, b));
            }
        }
        return differences;
    }

    /** Leaves by path; an empty map or list is a leaf of its own, so "sent empty" differs from "not sent". */
    static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        tree.forEach((step, value) -> flatten(step, value, leaves));
        return leaves;
    }

    private static void flatten(String path, Object value, Map<String, Object> leaves) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, element) -> flatten(path + "." + key, element, leaves));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + i + "]", list.get(i), leaves);
            }
        } else if (value instanceof Map<?, ?>) {
            leaves.put(path, "{}");
        } else if (value instanceof List<?>) {
            leaves.put(path, "[]");
        } else {
            leaves.put(path, value);
        }
    }
}
