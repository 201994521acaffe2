package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import java.math.BigDecimal;

/** Something a condition compares: evaluates to a value, or to null when it is undefined for the item. */
sealed interface Operand {

    JsonNode evaluate(ObjectNode item);

    /** An ExpressionAttributeValues placeholder. */
    record Value(JsonNode value) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            return value;
        }
    }

    record Path(DocumentPath path) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            return path.resolve(item);
        }
    }

    /**
     * {@code size(path)}: bytes of S (UTF-8) and B, members of sets, elements of L and M; undefined
     * for N, BOOL and NULL.
     */
    record Size(DocumentPath path) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            JsonNode value = path.resolve(item);
            if (value == null) {
                return null;
            }
            return switch (AttributeValues.type(value)) {
                case "S", "B" -> number(AttributeValues.size(value));
                case "SS", "NS", "BS", "L", "M" -> number(value.elements().next().size());
                default -> null;
            };
        }

        private static JsonNode number(int size) {
            return AttributeValues.number(BigDecimal.valueOf(size));
        }
    }
}
