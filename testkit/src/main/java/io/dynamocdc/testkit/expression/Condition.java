package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed condition, tested against an item (empty when there is no item). */
interface Condition {

    boolean test(ObjectNode item);

    record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return left.test(item) || right.test(item);
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return !inner.test(item);
        }
    }
}
