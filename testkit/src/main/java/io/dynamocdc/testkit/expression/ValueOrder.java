package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.OptionalInt;
import java.util.Set;

/** How conditions compare values: missing values and values of different or unordered types never compare. */
final class ValueOrder {

    private static final Set<String> ORDERED_TYPES = Set.of("S", "N", "B");

    private ValueOrder() {
    }

    /** Canonical values are equal exactly when their nodes are. */
    static boolean equal(JsonNode left, JsonNode right) {
        return left != null && left.equals(right);
    }

    /** Empty when the values cannot be ordered (a comparison is then false, not an error). */
    static OptionalInt order(JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return OptionalInt.empty();
        }
        String type = AttributeValues.type(left);
        if (!ORDERED_TYPES.contains(type) || !type.equals(AttributeValues.type(right))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(AttributeValues.compare(left, right));
    }
}
