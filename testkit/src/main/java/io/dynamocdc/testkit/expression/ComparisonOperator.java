package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;

enum ComparisonOperator {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    static Optional<ComparisonOperator> of(Token token) {
        for (ComparisonOperator operator : values()) {
            if (token.is(operator.symbol)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code <>} is the negation of {@code =}, so it holds for a missing attribute or a value of
     * another type; the orderings hold only between two S, two N or two B values.
     */
    boolean holds(JsonNode left, JsonNode right) {
        if (this == EQ) {
            return ValueOrder.equal(left, right);
        }
        if (this == NE) {
            return !ValueOrder.equal(left, right);
        }
        OptionalInt order = ValueOrder.order(left, right);
        if (order.isEmpty()) {
            return false;
        }
        int c = order.getAsInt();
        return switch (this) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }
}
