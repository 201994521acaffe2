package io.dynamocdc.testkit.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<String> describe(String text) {
        return Lexer.tokens(text).stream().map(token -> token.kind() + ":" + token.text()).toList();
    }

    @Test
    void splitsWordsPlaceholdersAndSymbols() {
        assertThat(describe("#a.b[10] <>:v_1 AND\tsize(x)>=:y"))
                .containsExactly("NAME_REF:#a", "SYMBOL:.", "WORD:b", "SYMBOL:[", "WORD:10", "SYMBOL:]",
                        "SYMBOL:<>", "VALUE_REF::v_1", "WORD:AND", "WORD:size", "SYMBOL:(", "WORD:x", "SYMBOL:)",
                        "SYMBOL:>=", "VALUE_REF::y", "END:<EOF>");
    }

    @Test
    void keepsUnknownCharactersAsTokensForTheParserToReport() {
        assertThat(describe("a-b # : 😀"))
                .containsExactly("WORD:a", "SYMBOL:-", "WORD:b", "SYMBOL:#", "SYMBOL::", "SYMBOL:😀", "END:<EOF>");
    }

    @Test
    void recordsWhereEachTokenIs() {
        List<Token> tokens = Lexer.tokens("  ab <= :c");
        assertThat(tokens.get(0)).isEqualTo(new Token(Token.Kind.WORD, "ab", 2, 4));
        assertThat(tokens.get(1)).isEqualTo(new Token(Token.Kind.SYMBOL, "<=", 5, 7));
        assertThat(tokens.get(3)).isEqualTo(new Token(Token.Kind.END, "<EOF>", 10, 10));
    }
}
