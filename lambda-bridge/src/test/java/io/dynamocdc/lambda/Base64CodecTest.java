package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our codec against the JDK's, which is the reference: same bytes, same verdict on bad text. */
class Base64CodecTest {

    private final Random random = new Random(20261125L);

    private static String jdkVerdict(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }

    private static String ourVerdict(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] decoded = Base64Codec.decode(bytes, 0, bytes.length);
        return decoded == null ? "invalid" : Base64.getEncoder().encodeToString(decoded);
    }

    @Test
    void encodesAndDecodesLikeTheJdk() {
        for (int round = 0; round < 3_000; round++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            ByteSink sink = new ByteSink(4);
            sink.write('x'); // encoding appends after what is already there
            Base64Codec.encode(bytes, 0, bytes.length, sink);
            String encoded = new String(sink.toByteArray(), StandardCharsets.US_ASCII).substring(1);

            assertThat(encoded).isEqualTo(Base64.getEncoder().encodeToString(bytes));
            assertThat(Base64Codec.encodedLength(bytes.length)).isEqualTo(encoded.length());
            byte[] framed = ("\"" + encoded + "\"").getBytes(StandardCharsets.US_ASCII);
            assertThat(Base64Codec.decode(framed, 1, encoded.length())).isEqualTo(bytes);
        }
    }

    @Test
    void decodesAQuotedStringInPlaceOrLeavesItToTheSlowWay() {
        byte[][] scratch = {new byte[2]};
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String encoded = Base64.getEncoder().encodeToString(bytes);
            byte[] json = ("{\"data\":\"" + encoded + "\",\"x\":1}").getBytes(StandardCharsets.US_ASCII);

            byte[] decoded = Base64Codec.decodeQuoted(json, 9, scratch);

            assertThat(decoded).isEqualTo(bytes);
            assertThat(json[9 + Base64Codec.encodedLength(decoded.length)]).isEqualTo((byte) '"');
        }
        String[] notCanonical = {"AB", "ABC", "AR==", "ABD=", "AB=C", "A===", "AB\\/", "AB C", "ABCD=", "ABCDé", "AB==CD==", "ABCD"};
        for (String text : notCanonical) {
            byte[] json = ("\"" + text + (text.equals("ABCD") ? "" : "\"")).getBytes(StandardCharsets.UTF_8);
            assertThat(Base64Codec.decodeQuoted(json, 1, scratch)).as(text).isNull();
        }
        assertThat(Base64Codec.decodeQuoted("\"\"".getBytes(StandardCharsets.US_ASCII), 1, scratch)).isEmpty();
    }

    @Test
    void badTextGetsTheJdksVerdict() {
        String[] cases = {"", "A", "AB", "ABC", "ABCD", "AB==", "ABC=", "A===", "====", "AB=C", "ABCD====", "AR==", "ABD=",
                "not base64!", "AB\nCD", "AB CD", "ABCD\u00e9", "-_-_", "ABCDE", "ABCDEF==", "AB==CD=="};
        for (String text : cases) {
            assertThat(ourVerdict(text)).as("'%s'", text).isEqualTo(jdkVerdict(text));
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ .!";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(ourVerdict(text.toString())).as("'%s'", text).isEqualTo(jdkVerdict(text.toString()));
        }
    }
}
