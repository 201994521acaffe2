package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import io.dynamocdc.testkit.DynamoDbException;
import java.util.List;

/**
 * The KeyConditionExpression of a Query: {@code hash = :v}, optionally AND-ed (either order) with one
 * condition on the range key: {@code = < <= > >=}, BETWEEN or begins_with. Whether the values match
 * the key schema's types is the caller's check.
 */
public final class KeyCondition {

    private static final ExpressionKind KIND = ExpressionKind.KEY_CONDITION;

    private final JsonNode hashValue;
    private final String rangeKeyName;
    private final Condition rangeCondition;

    private KeyCondition(JsonNode hashValue, String rangeKeyName, Condition rangeCondition) {
        this.hashValue = hashValue;
        this.rangeKeyName = rangeKeyName;
        this.rangeCondition = rangeCondition;
    }

    public static KeyCondition parse(String text, ExpressionContext context, String hashKeyName, String rangeKeyNameOrNull) {
        Condition condition = ConditionParser.parse(text, context, KIND);
        List<Condition> parts = condition instanceof Condition.And and
                ? List.of(and.left(), and.right())
                : List.of(condition);
        JsonNode hashValue = null;
        Condition rangeCondition = null;
        for (Condition part : parts) {
            String attribute = keyAttribute(part);
            if (attribute.equals(hashKeyName) && hashValue == null) {
                hashValue = hashValue(part);
            } else if (attribute.equals(rangeKeyNameOrNull) && rangeCondition == null) {
                rangeCondition = part;
            } else if (attribute.equals(hashKeyName) || attribute.equals(rangeKeyNameOrNull)) {
                throw tooManyConditions();
            } else {
                throw missedKey(parts, hashKeyName, rangeKeyNameOrNull);
            }
        }
        if (hashValue == null) {
            throw missedKey(parts, hashKeyName, rangeKeyNameOrNull);
        }
        return new KeyCondition(hashValue, rangeKeyNameOrNull, rangeCondition);
    }

    public JsonNode hashValue() {
        return hashValue;
    }

    /** True when there is no range condition; false for a missing range value otherwise. */
    public boolean matchesRange(JsonNode rangeValueOrNull) {
        if (rangeCondition == null) {
            return true;
        }
        if (rangeValueOrNull == null) {
            return false;
        }
        ObjectNode keyOnly = AttributeValues.NODES.objectNode();
        keyOnly.set(rangeKeyName, rangeValueOrNull);
        return rangeCondition.test(keyOnly);
    }

    /** The attribute one part constrains, after checking the part is a form a key condition allows. */
    private static String keyAttribute(Condition part) {
        if (part instanceof Condition.And) {
            throw tooManyConditions();
        }
        if (part instanceof Condition.Or) {
            throw invalidOperator("OR");
        }
        if (part instanceof Condition.Not) {
            throw invalidOperator("NOT");
        }
        if (part instanceof InList) {
            throw invalidOperator("IN");
        }
        if (part instanceof Comparison comparison) {
            if (comparison.operator() == ComparisonOperator.NE) {
                throw invalidOperator(comparison.operator().symbol());
            }
            String attribute = topLevelName(comparison.left());
            requireValue(comparison.right());
            return attribute;
        }
        if (part instanceof Between between) {
            String attribute = topLevelName(between.operand());
            requireValue(between.lower());
            requireValue(between.upper());
            return attribute;
        }
        FunctionCondition function = (FunctionCondition) part;
        if (!function.function().equals("begins_with")) {
            throw invalidOperator(function.function());
        }
        String attribute = topLevelName(new Operand.Path(function.path()));
        requireValue(function.argument());
        return attribute;
    }

    private static JsonNode hashValue(Condition part) {
        if (part instanceof Comparison comparison && comparison.operator() == ComparisonOperator.EQ) {
            return ((Operand.Value) comparison.right()).value();
        }
        throw DynamoDbException.validation("Query key condition not supported");
    }

    private static String topLevelName(Operand operand) {
        if (!(operand instanceof Operand.Path path)) {
            throw ExpressionErrors.invalid(KIND, "The left operand of a key condition must be a key attribute");
        }
        if (path.path().elements().size() != 1) {
            throw ExpressionErrors.invalid(KIND, "Key conditions cannot use nested attributes; path: " + path.path());
        }
        return path.path().topLevelName();
    }

    private static void requireValue(Operand operand) {
        if (!(operand instanceof Operand.Value)) {
            throw ExpressionErrors.invalid(KIND, "Key conditions can only compare a key attribute with an expression attribute value");
        }
    }

    /** Names the hash key when it has no condition, else the range key the stray condition should have been on. */
    private static DynamoDbException missedKey(List<Condition> parts, String hashKeyName, String rangeKeyName) {
        boolean hashPresent = parts.stream().anyMatch(part -> keyAttribute(part).equals(hashKeyName));
        if (hashPresent && rangeKeyName == null) {
            return DynamoDbException.validation("Query key condition not supported");
        }
        return DynamoDbException.validation("Query condition missed key schema element: "
                + (hashPresent ? rangeKeyName : hashKeyName));
    }

    private static DynamoDbException tooManyConditions() {
        return DynamoDbException.validation("KeyConditionExpressions must only contain one condition per key");
    }

    private static DynamoDbException invalidOperator(String operator) {
        return DynamoDbException.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }
}
