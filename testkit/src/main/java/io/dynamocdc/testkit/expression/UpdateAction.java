package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import java.math.BigDecimal;

/** One action of an update expression, applied to the copy of the item being built. */
sealed interface UpdateAction {

    DocumentPath path();

    /** {@code SET path = value}; the value is computed beforehand from the original item. */
    record Set(DocumentPath path, UpdateValue value) implements UpdateAction {
        void write(ObjectNode target, JsonNode computed) {
            path.last().putIn(path.parentContainer(target), computed.deepCopy());
        }
    }

    record Remove(DocumentPath path) implements UpdateAction {
        void applyTo(ObjectNode target) {
            path.last().removeFrom(path.parentContainer(target));
        }
    }

    /** {@code ADD path :v}: adds to a number (missing counts as 0) or unions into a set (missing is empty). */
    record Add(DocumentPath path, JsonNode value) implements UpdateAction {
        void applyTo(ObjectNode target) {
            JsonNode container = path.parentContainer(target);
            JsonNode existing = path.last().childIn(container);
            path.last().putIn(container, existing == null ? value.deepCopy() : sum(existing));
        }

        private JsonNode sum(JsonNode existing) {
            String type = AttributeValues.type(existing);
            if (!type.equals(AttributeValues.type(value))) {
                throw ExpressionErrors.incorrectDataType();
            }
            if (type.equals("N")) {
                BigDecimal total = AttributeValues.numberValue(existing).add(AttributeValues.numberValue(value));
                return AttributeValues.number(AttributeValues.parseNumber(total.toString()));
            }
            return SetValues.union(existing, value);
        }
    }

    /** {@code DELETE path :set}: removes members; a set left empty is removed. A missing attribute is left alone. */
    record Delete(DocumentPath path, JsonNode value) implements UpdateAction {
        void applyTo(ObjectNode target) {
            JsonNode container = path.parentContainer(target);
            JsonNode existing = path.last().childIn(container);
            if (existing == null) {
                return;
            }
            if (!AttributeValues.type(existing).equals(AttributeValues.type(value))) {
                throw ExpressionErrors.incorrectDataType();
            }
            JsonNode rest = SetValues.difference(existing, value);
            if (rest == null) {
                path.last().removeFrom(container);
            } else {
                path.last().putIn(container, rest);
            }
        }
    }
}
