package io.dynamocdc.transform;

/** Validates standard (RFC 4648, padded) base64 text, as DynamoDB JSON carries binaries. */
final class Base64Text {

    private Base64Text() {
    }

    static boolean isValid(String s) {
        int n = s.length();
        if (n % 4 != 0) {
            return false;
        }
        int padding = 0;
        if (n > 0 && s.charAt(n - 1) == '=') {
            padding = n > 1 && s.charAt(n - 2) == '=' ? 2 : 1;
        }
        for (int i = 0; i < n - padding; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
