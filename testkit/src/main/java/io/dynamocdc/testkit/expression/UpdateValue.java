package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import java.math.BigDecimal;

/** The right-hand side of a SET action, computed from the item as it was before the update. */
sealed interface UpdateValue {

    JsonNode compute(ObjectNode item);

    record Literal(JsonNode value) implements UpdateValue {
        @Override
        public JsonNode compute(ObjectNode item) {
            return value;
        }
    }

    record Reference(DocumentPath path) implements UpdateValue {
        @Override
        public JsonNode compute(ObjectNode item) {
            JsonNode value = path.resolve(item);
            if (value == null) {
                throw ExpressionErrors.missingAttribute();
            }
            return value;
        }
    }

    record IfNotExists(DocumentPath path, UpdateValue fallback) implements UpdateValue {
        @Override
        public JsonNode compute(ObjectNode item) {
            JsonNode value = path.resolve(item);
            return value != null ? value : fallback.compute(item);
        }
    }

    record ListAppend(UpdateValue first, UpdateValue second) implements UpdateValue {
        @Override
        public JsonNode compute(ObjectNode item) {
            ArrayNode joined = AttributeValues.NODES.arrayNode();
            joined.addAll(list(first.compute(item)));
            joined.addAll(list(second.compute(item)));
            return AttributeValues.NODES.objectNode().set("L", joined);
        }

        private static ArrayNode list(JsonNode value) {
            if (!AttributeValues.type(value).equals("L")) {
                throw ExpressionErrors.incorrectDataType();
            }
            return (ArrayNode) value.get("L");
        }
    }

    /** {@code x + y} or {@code x - y}; the result is normalised and range-checked as any stored number. */
    record Arithmetic(UpdateValue left, char operator, UpdateValue right) implements UpdateValue {
        @Override
        public JsonNode compute(ObjectNode item) {
            BigDecimal x = number(left.compute(item));
            BigDecimal y = number(right.compute(item));
            BigDecimal result = operator == '+' ? x.add(y) : x.subtract(y);
            return AttributeValues.number(AttributeValues.parseNumber(result.toString()));
        }

        private static BigDecimal number(JsonNode value) {
            if (!AttributeValues.type(value).equals("N")) {
                throw ExpressionErrors.incorrectDataType();
            }
            return AttributeValues.numberValue(value);
        }
    }
}
