package io.dynamocdc.testkit.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens; never fails, so that the parser reports bad characters in context. */
final class Lexer {

    private Lexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isWordChar(c)) {
                int end = wordEnd(text, i);
                tokens.add(new Token(Token.Kind.WORD, text.substring(i, end), i, end));
                i = end;
            } else if ((c == '#' || c == ':') && i + 1 < text.length() && isWordChar(text.charAt(i + 1))) {
                int end = wordEnd(text, i + 1);
                Token.Kind kind = c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
                tokens.add(new Token(kind, text.substring(i, end), i, end));
                i = end;
            } else {
                int end = symbolEnd(text, i);
                tokens.add(new Token(Token.Kind.SYMBOL, text.substring(i, end), i, end));
                i = end;
            }
        }
        tokens.add(new Token(Token.Kind.END, Token.END_TEXT, text.length(), text.length()));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static int wordEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int symbolEnd(String text, int at) {
        if (text.startsWith("<>", at) || text.startsWith("<=", at) || text.startsWith(">=", at)) {
            return at + 2;
        }
        return at + Character.charCount(text.codePointAt(at));
    }
}
