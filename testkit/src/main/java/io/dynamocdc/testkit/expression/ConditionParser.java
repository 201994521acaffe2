package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for condition, filter and key condition expressions. Precedence, loosest
 * first: OR, AND, NOT, then comparisons / BETWEEN / IN / functions, which bind tightest.
 * Reserved words are not enforced, except that the grammar's own keywords (AND, OR, NOT, BETWEEN,
 * IN) cannot stand as bare attribute names: reading them as names would turn every misplaced keyword
 * into a confusing error further on.
 */
final class ConditionParser {

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
    private static final int MAX_IN_OPERANDS = 100;

    private final TokenStream tokens;
    private final ExpressionContext context;
    private final PathParser paths;

    private ConditionParser(TokenStream tokens, ExpressionContext context) {
        this.tokens = tokens;
        this.context = context;
        this.paths = new PathParser(tokens, context);
    }

    static Condition parse(String text, ExpressionContext context, ExpressionKind kind) {
        if (text == null || text.isBlank()) {
            throw ExpressionErrors.empty(kind);
        }
        TokenStream tokens = new TokenStream(text, kind);
        Condition condition = new ConditionParser(tokens, context).disjunction();
        tokens.expectEnd();
        return condition;
    }

    private Condition disjunction() {
        Condition condition = conjunction();
        while (tokens.acceptKeyword("OR")) {
            condition = new Condition.Or(condition, conjunction());
        }
        return condition;
    }

    private Condition conjunction() {
        Condition condition = negation();
        while (tokens.acceptKeyword("AND")) {
            condition = new Condition.And(condition, negation());
        }
        return condition;
    }

    private Condition negation() {
        if (tokens.acceptKeyword("NOT")) {
            return new Condition.Not(negation());
        }
        return primary();
    }

    private Condition primary() {
        if (tokens.accept("(")) {
            Condition inner = disjunction();
            tokens.expect(")");
            return inner;
        }
        Term left = term();
        Optional<ComparisonOperator> operator = ComparisonOperator.of(tokens.peek());
        if (operator.isPresent()) {
            tokens.next();
            return new Comparison(operator.get(), left.asOperand(tokens.kind()), operand());
        }
        if (tokens.acceptKeyword("BETWEEN")) {
            Operand lower = operand();
            tokens.expectKeyword("AND");
            Operand upper = operand();
            checkBounds(lower, upper);
            return new Between(left.asOperand(tokens.kind()), lower, upper);
        }
        if (tokens.acceptKeyword("IN")) {
            return inList(left.asOperand(tokens.kind()));
        }
        if (left.condition() != null) {
            return left.condition();
        }
        throw tokens.unexpected();
    }

    private Condition inList(Operand operand) {
        tokens.expect("(");
        List<Operand> candidates = new ArrayList<>();
        do {
            candidates.add(operand());
        } while (tokens.accept(","));
        tokens.expect(")");
        if (candidates.size() > MAX_IN_OPERANDS) {
            throw ExpressionErrors.invalid(tokens.kind(),
                    "The IN operator is provided with too many operands; number of operands: " + candidates.size());
        }
        return new InList(operand, candidates);
    }

    private Operand operand() {
        return term().asOperand(tokens.kind());
    }

    /** A value placeholder, a path, or a function call: what may stand on either side of a comparison. */
    private Term term() {
        Token token = tokens.peek();
        if (token.kind() == Token.Kind.VALUE_REF) {
            tokens.next();
            return Term.of(new Operand.Value(context.attributeValue(token.text(), tokens.kind())));
        }
        if (token.kind() == Token.Kind.WORD && tokens.peek(1).is("(")) {
            return functionCall();
        }
        if (token.kind() == Token.Kind.WORD && KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT))) {
            throw tokens.unexpected();
        }
        return Term.of(new Operand.Path(paths.parse()));
    }

    /** Function names are case-sensitive in DynamoDB, unlike keywords. */
    private Term functionCall() {
        String function = tokens.next().text();
        tokens.expect("(");
        List<Term> arguments = new ArrayList<>();
        if (!tokens.peek().is(")")) {
            do {
                arguments.add(term());
            } while (tokens.accept(","));
        }
        tokens.expect(")");
        ExpressionKind kind = tokens.kind();
        switch (function) {
            case "attribute_exists", "attribute_not_exists" -> {
                requireArity(function, arguments, 1);
                return Term.of(function, new FunctionCondition(function, requirePath(function, arguments.get(0)), null));
            }
            case "attribute_type" -> {
                requireArity(function, arguments, 2);
                DocumentPath path = requirePath(function, arguments.get(0));
                Operand typeName = typeName(arguments.get(1).asOperand(kind));
                return Term.of(function, new FunctionCondition(function, path, typeName));
            }
            case "begins_with", "contains" -> {
                requireArity(function, arguments, 2);
                DocumentPath path = requirePath(function, arguments.get(0));
                Operand argument = arguments.get(1).asOperand(kind);
                if (function.equals("begins_with")) {
                    requireStringOrBinary(function, argument);
                }
                return Term.of(function, new FunctionCondition(function, path, argument));
            }
            case "size" -> {
                requireArity(function, arguments, 1);
                return Term.of(new Operand.Size(requirePath(function, arguments.get(0))));
            }
            default -> {
                if (UPDATE_FUNCTIONS.contains(function)) {
                    throw ExpressionErrors.invalid(kind,
                            "The function is not allowed in a condition expression; function: " + function);
                }
                throw ExpressionErrors.unknownFunction(kind, function);
            }
        }
    }

    private void requireArity(String function, List<Term> arguments, int arity) {
        if (arguments.size() != arity) {
            throw ExpressionErrors.wrongOperandCount(tokens.kind(), function, arguments.size());
        }
    }

    private DocumentPath requirePath(String function, Term argument) {
        if (argument.operand() instanceof Operand.Path path) {
            return path.path();
        }
        throw ExpressionErrors.pathRequired(tokens.kind(), function);
    }

    private Operand typeName(Operand operand) {
        if (operand instanceof Operand.Value value) {
            String type = AttributeValues.type(value.value());
            if (!type.equals("S")) {
                throw ExpressionErrors.functionOperandType(tokens.kind(), "attribute_type", value.value());
            }
            String name = value.value().get("S").asText();
            if (!TYPE_NAMES.contains(name)) {
                throw ExpressionErrors.invalid(tokens.kind(), "Invalid attribute type name found; type: " + name
                        + ", valid types: { B,BOOL,BS,L,M,N,NS,NULL,S,SS }");
            }
            return operand;
        }
        throw ExpressionErrors.invalid(tokens.kind(),
                "Operator or function requires an expression attribute value; operator or function: attribute_type");
    }

    private void requireStringOrBinary(String function, Operand operand) {
        if (operand instanceof Operand.Value value) {
            String type = AttributeValues.type(value.value());
            if (!type.equals("S") && !type.equals("B")) {
                throw ExpressionErrors.functionOperandType(tokens.kind(), function, value.value());
            }
        }
    }

    /** Constant bounds are checked while parsing, as DynamoDB does. */
    private void checkBounds(Operand lower, Operand upper) {
        if (!(lower instanceof Operand.Value low) || !(upper instanceof Operand.Value high)) {
            return;
        }
        JsonNode from = low.value();
        JsonNode to = high.value();
        String bounds = "; lower bound operand: AttributeValue: " + brief(from) + ", upper bound operand: AttributeValue: "
                + brief(to);
        if (!AttributeValues.type(from).equals(AttributeValues.type(to))) {
            throw ExpressionErrors.invalid(tokens.kind(),
                    "The BETWEEN operator requires same data type for lower and upper bounds" + bounds);
        }
        if (ValueOrder.order(from, to).orElse(0) > 0) {
            throw ExpressionErrors.invalid(tokens.kind(),
                    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound" + bounds);
        }
    }

    /** {@code {N:5}}, DynamoDB's short rendering of a value in messages. */
    private static String brief(JsonNode value) {
        String type = AttributeValues.type(value);
        JsonNode inner = value.get(type);
        return "{" + type + ":" + (inner.isValueNode() ? inner.asText() : inner.toString()) + "}";
    }

    /** A parsed term is either an operand or a condition function; which one is allowed depends on where it stands. */
    private record Term(Operand operand, Condition condition, String function) {

        static Term of(Operand operand) {
            return new Term(operand, null, null);
        }

        static Term of(String function, Condition condition) {
            return new Term(null, condition, function);
        }

        Operand asOperand(ExpressionKind kind) {
            if (operand == null) {
                throw ExpressionErrors.invalidUseOfFunction(kind, function);
            }
            return operand;
        }
    }
}
