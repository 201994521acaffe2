package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code SET … REMOVE … ADD … DELETE …}: clauses in any order, each at most once, actions
 * separated by commas. A SET value is {@code operand} or {@code operand (+|-) operand}; an operand is a
 * path, a value placeholder, {@code if_not_exists(path, operand)} or {@code list_append(operand, operand)}.
 */
final class UpdateParser {

    private static final ExpressionKind KIND = ExpressionKind.UPDATE;
    private static final Set<String> CLAUSES = Set.of("SET", "REMOVE", "ADD", "DELETE");
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size");

    private final TokenStream tokens;
    private final ExpressionContext context;
    private final PathParser paths;

    private UpdateParser(TokenStream tokens, ExpressionContext context) {
        this.tokens = tokens;
        this.context = context;
        this.paths = new PathParser(tokens, context);
    }

    static List<UpdateAction> parse(String text, ExpressionContext context) {
        if (text == null || text.isBlank()) {
            throw ExpressionErrors.empty(KIND);
        }
        List<UpdateAction> actions = new UpdateParser(new TokenStream(text, KIND), context).clauses();
        PathOverlaps.check(actions.stream().map(UpdateAction::path).toList(), KIND);
        return actions;
    }

    private List<UpdateAction> clauses() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            Token clause = tokens.peek();
            String keyword = clause.text().toUpperCase(Locale.ROOT);
            if (clause.kind() != Token.Kind.WORD || !CLAUSES.contains(keyword)) {
                throw tokens.unexpected();
            }
            tokens.next();
            if (!seen.add(keyword)) {
                throw ExpressionErrors.invalid(KIND,
                        "The \"" + keyword + "\" section can only be used once in an update expression;");
            }
            do {
                actions.add(action(keyword));
            } while (tokens.accept(","));
        } while (!tokens.atEnd());
        return actions;
    }

    private UpdateAction action(String clause) {
        DocumentPath path = paths.parse();
        return switch (clause) {
            case "SET" -> {
                tokens.expect("=");
                yield new UpdateAction.Set(path, value());
            }
            case "REMOVE" -> new UpdateAction.Remove(path);
            case "ADD" -> {
                JsonNode value = valuePlaceholder();
                if (!AttributeValues.type(value).equals("N") && !SetValues.isSet(value)) {
                    throw ExpressionErrors.actionOperandType("ADD", value);
                }
                yield new UpdateAction.Add(path, value);
            }
            default -> {
                JsonNode value = valuePlaceholder();
                if (!SetValues.isSet(value)) {
                    throw ExpressionErrors.actionOperandType("DELETE", value);
                }
                yield new UpdateAction.Delete(path, value);
            }
        };
    }

    private JsonNode valuePlaceholder() {
        Token token = tokens.peek();
        if (token.kind() != Token.Kind.VALUE_REF) {
            throw tokens.unexpected();
        }
        tokens.next();
        return context.attributeValue(token.text(), KIND);
    }

    private UpdateValue value() {
        UpdateValue left = operand();
        Token operator = tokens.peek();
        if (operator.is("+") || operator.is("-")) {
            tokens.next();
            UpdateValue right = operand();
            requireLiteralType(operator.text(), left, "N");
            requireLiteralType(operator.text(), right, "N");
            return new UpdateValue.Arithmetic(left, operator.text().charAt(0), right);
        }
        return left;
    }

    private UpdateValue operand() {
        Token token = tokens.peek();
        if (token.kind() == Token.Kind.VALUE_REF) {
            return new UpdateValue.Literal(valuePlaceholder());
        }
        if (token.kind() == Token.Kind.WORD && tokens.peek(1).is("(")) {
            return functionCall();
        }
        return new UpdateValue.Reference(paths.parse());
    }

    /** Function names are case-sensitive in DynamoDB, unlike keywords. */
    private UpdateValue functionCall() {
        String function = tokens.next().text();
        tokens.expect("(");
        List<UpdateValue> arguments = new ArrayList<>();
        if (!tokens.peek().is(")")) {
            do {
                arguments.add(operand());
            } while (tokens.accept(","));
        }
        tokens.expect(")");
        switch (function) {
            case "if_not_exists" -> {
                requireArity(function, arguments);
                if (!(arguments.get(0) instanceof UpdateValue.Reference reference)) {
                    throw ExpressionErrors.pathRequired(KIND, function);
                }
                return new UpdateValue.IfNotExists(reference.path(), arguments.get(1));
            }
            case "list_append" -> {
                requireArity(function, arguments);
                requireLiteralType(function, arguments.get(0), "L");
                requireLiteralType(function, arguments.get(1), "L");
                return new UpdateValue.ListAppend(arguments.get(0), arguments.get(1));
            }
            default -> {
                if (CONDITION_FUNCTIONS.contains(function)) {
                    throw ExpressionErrors.invalid(KIND,
                            "The function is not allowed in an update expression; function: " + function);
                }
                throw ExpressionErrors.unknownFunction(KIND, function);
            }
        }
    }

    private static void requireArity(String function, List<UpdateValue> arguments) {
        if (arguments.size() != 2) {
            throw ExpressionErrors.wrongOperandCount(KIND, function, arguments.size());
        }
    }

    /** Placeholder values have a known type, so DynamoDB rejects a wrong one before looking at the item. */
    private static void requireLiteralType(String function, UpdateValue operand, String type) {
        if (operand instanceof UpdateValue.Literal literal && !AttributeValues.type(literal.value()).equals(type)) {
            throw ExpressionErrors.functionOperandType(KIND, function, literal.value());
        }
    }
}
