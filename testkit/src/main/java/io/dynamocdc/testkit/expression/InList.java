package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code operand IN (candidate, …)}. */
record InList(Operand operand, List<Operand> candidates) implements Condition {

    InList {
        candidates = List.copyOf(candidates);
    }

    @Override
    public boolean test(ObjectNode item) {
        JsonNode value = operand.evaluate(item);
        return value != null && candidates.stream().anyMatch(candidate -> value.equals(candidate.evaluate(item)));
    }
}
