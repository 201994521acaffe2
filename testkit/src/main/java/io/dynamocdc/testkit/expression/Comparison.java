package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code left <op> right}. */
record Comparison(ComparisonOperator operator, Operand left, Operand right) implements Condition {

    @Override
    public boolean test(ObjectNode item) {
        return operator.holds(left.evaluate(item), right.evaluate(item));
    }
}
