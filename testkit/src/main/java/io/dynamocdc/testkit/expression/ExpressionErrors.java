package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.testkit.AttributeValues;
import io.dynamocdc.testkit.DynamoDbException;

/** The ValidationExceptions of the expression engine, worded as DynamoDB words them. */
final class ExpressionErrors {

    private ExpressionErrors() {
    }

    /** Errors found while parsing carry the parameter's name: "Invalid UpdateExpression: …". */
    static DynamoDbException invalid(ExpressionKind kind, String detail) {
        return DynamoDbException.validation("Invalid " + kind.parameterName() + ": " + detail);
    }

    static DynamoDbException empty(ExpressionKind kind) {
        return invalid(kind, "The expression can not be empty;");
    }

    static DynamoDbException syntax(ExpressionKind kind, String token, String near) {
        return invalid(kind, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    static DynamoDbException wrongOperandCount(ExpressionKind kind, String function, int count) {
        return invalid(kind, "Incorrect number of operands for operator or function; operator or function: "
                + function + ", number of operands: " + count);
    }

    static DynamoDbException pathRequired(ExpressionKind kind, String function) {
        return invalid(kind, "Operator or function requires a document path; operator or function: " + function);
    }

    /** A function's operand whose type is known while parsing (a value placeholder) and is wrong. */
    static DynamoDbException functionOperandType(ExpressionKind kind, String function, JsonNode value) {
        return invalid(kind, "Incorrect operand type for operator or function; operator or function: "
                + function + ", operand type: " + AttributeValues.type(value));
    }

    /** ADD and DELETE word the same check differently, with long type names. */
    static DynamoDbException actionOperandType(String action, JsonNode value) {
        return invalid(ExpressionKind.UPDATE, "Incorrect operand type for operator or function; operator: "
                + action + ", operand type: " + longTypeName(AttributeValues.type(value)));
    }

    /** A condition function (attribute_exists …) used where a value is needed, e.g. {@code attribute_exists(a) = :v}. */
    static DynamoDbException invalidUseOfFunction(ExpressionKind kind, String function) {
        return invalid(kind, "The function is not allowed to be used this way in an expression; function: " + function);
    }

    static DynamoDbException unknownFunction(ExpressionKind kind, String function) {
        return invalid(kind, "Invalid function name; function: " + function);
    }

    // Applying an update: these carry no "Invalid UpdateExpression:" prefix in DynamoDB.

    static DynamoDbException incorrectDataType() {
        return DynamoDbException.validation("An operand in the update expression has an incorrect data type");
    }

    static DynamoDbException invalidDocumentPath() {
        return DynamoDbException.validation("The document path provided in the update expression is invalid for update");
    }

    static DynamoDbException missingAttribute() {
        return DynamoDbException.validation("The provided expression refers to an attribute that does not exist in the item");
    }

    private static String longTypeName(String type) {
        return switch (type) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "M" -> "MAP";
            case "L" -> "LIST";
            case "SS" -> "STRING_SET";
            case "NS" -> "NUMBER_SET";
            case "BS" -> "BINARY_SET";
            default -> type;
        };
    }
}
