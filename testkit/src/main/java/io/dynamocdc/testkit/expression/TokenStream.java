package io.dynamocdc.testkit.expression;

import io.dynamocdc.testkit.DynamoDbException;
import java.util.List;

/** A cursor over an expression's tokens that words syntax errors as DynamoDB does. */
final class TokenStream {

    private final String text;
    private final ExpressionKind kind;
    private final List<Token> tokens;
    private int position;

    TokenStream(String text, ExpressionKind kind) {
        this.text = text;
        this.kind = kind;
        this.tokens = Lexer.tokens(text);
    }

    ExpressionKind kind() {
        return kind;
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = peek();
        if (position < tokens.size() - 1) {
            position++;
        }
        return token;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    boolean accept(String symbol) {
        if (peek().is(symbol)) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    void expect(String symbol) {
        if (!accept(symbol)) {
            throw unexpected();
        }
    }

    void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected();
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw unexpected();
        }
    }

    /** A syntax error at the next token. */
    DynamoDbException unexpected() {
        return syntaxError(peek());
    }

    /**
     * DynamoDB names the offending token and quotes the text from the token before it to the token
     * after it, e.g. {@code token: ":", near: "hits : incr"}.
     */
    DynamoDbException syntaxError(Token token) {
        int index = tokens.indexOf(token);
        int start = index > 0 ? tokens.get(index - 1).start() : token.start();
        int end = index + 1 < tokens.size() ? tokens.get(index + 1).end() : token.end();
        if (token.kind() == Token.Kind.END) {
            end = text.length();
        }
        return ExpressionErrors.syntax(kind, token.text(), text.substring(start, end));
    }
}
