package io.dynamocdc.testkit.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses document paths: {@code name}, {@code #placeholder}, {@code a.b}, {@code a[0]}. Reserved
 * words are deliberately not enforced: an emulator that accepts {@code status} unquoted lets more
 * test code through than DynamoDB would, but never rejects a valid request.
 */
final class PathParser {

    private final TokenStream tokens;
    private final ExpressionContext context;

    PathParser(TokenStream tokens, ExpressionContext context) {
        this.tokens = tokens;
        this.context = context;
    }

    static boolean startsPath(Token token) {
        return token.kind() == Token.Kind.NAME_REF || (token.kind() == Token.Kind.WORD && !startsWithDigit(token));
    }

    DocumentPath parse() {
        List<PathElement> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (tokens.accept(".")) {
                elements.add(name());
            } else if (tokens.accept("[")) {
                elements.add(index());
                tokens.expect("]");
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    private PathElement name() {
        Token token = tokens.peek();
        if (!startsPath(token)) {
            throw tokens.unexpected();
        }
        tokens.next();
        String name = token.kind() == Token.Kind.NAME_REF
                ? context.attributeName(token.text(), tokens.kind())
                : token.text();
        return new PathElement.Key(name);
    }

    private PathElement index() {
        Token token = tokens.peek();
        if (token.kind() != Token.Kind.WORD || !token.text().chars().allMatch(Character::isDigit)) {
            throw tokens.unexpected();
        }
        try {
            int index = Integer.parseInt(token.text());
            tokens.next();
            return new PathElement.Index(index);
        } catch (NumberFormatException e) {
            throw tokens.unexpected();
        }
    }

    private static boolean startsWithDigit(Token token) {
        return Character.isDigit(token.text().charAt(0));
    }
}
