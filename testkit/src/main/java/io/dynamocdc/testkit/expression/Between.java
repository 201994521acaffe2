package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/** {@code operand BETWEEN lower AND upper}, bounds included. */
record Between(Operand operand, Operand lower, Operand upper) implements Condition {

    @Override
    public boolean test(ObjectNode item) {
        JsonNode value = operand.evaluate(item);
        OptionalInt fromLower = ValueOrder.order(value, lower.evaluate(item));
        OptionalInt toUpper = ValueOrder.order(value, upper.evaluate(item));
        return fromLower.isPresent() && toUpper.isPresent() && fromLower.getAsInt() >= 0 && toUpper.getAsInt() <= 0;
    }
}
