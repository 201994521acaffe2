package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;

/** A ConditionExpression (PutItem, UpdateItem, DeleteItem) or FilterExpression (Query, Scan). */
public final class ConditionExpression {

    private final Condition condition;

    private ConditionExpression(Condition condition) {
        this.condition = condition;
    }

    /** Errors name the expression "ConditionExpression". */
    public static ConditionExpression parse(String text, ExpressionContext context) {
        return new ConditionExpression(ConditionParser.parse(text, context, ExpressionKind.CONDITION));
    }

    /** The same grammar; errors name the expression "FilterExpression", as DynamoDB does for Query and Scan. */
    public static ConditionExpression parseFilter(String text, ExpressionContext context) {
        return new ConditionExpression(ConditionParser.parse(text, context, ExpressionKind.FILTER));
    }

    /** @param item the item's attributes; empty (or null) when there is no such item */
    public boolean test(ObjectNode item) {
        return condition.test(item == null ? AttributeValues.NODES.objectNode() : item);
    }
}
