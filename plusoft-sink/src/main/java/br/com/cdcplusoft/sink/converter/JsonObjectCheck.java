package br.com.cdcplusoft.sink.converter;

/**
 * Checks, in one pass over the bytes and without building anything, that they are exactly one
 * well-formed JSON object (RFC 8259, UTF-8, whitespace around it allowed). The sink puts payload
 * bytes into request bodies as they are, separated by commas; a value that is anything else, a
 * truncated object or two objects in a row would change what the whole request means, so it must
 * not get there.
 *
 * <p>The answer describes what is wrong and where (byte offset), never the bytes themselves: it
 * ends up in dead-letter headers and logs, and payloads hold personal data.
 */
final class JsonObjectCheck {

    /** Deeper nesting than this is refused: Jackson's own default limit, and no Plusoft payload comes near it. */
    static final int MAX_DEPTH = 500;

    private final byte[] bytes;
    private int pos;
    private String problem;

    private JsonObjectCheck(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Null when {@code bytes} hold one JSON object; else what is wrong, e.g. "it is an array" or "truncated inside an object". */
    static String problem(byte[] bytes) {
        return new JsonObjectCheck(bytes).check();
    }

    private String check() {
        skipWhitespace();
        if (pos == bytes.length) {
            return "it is only whitespace";
        }
        byte first = bytes[pos];
        if (first != '{') {
            return describe(first);
        }
        if (!value(1)) {
            return problem;
        }
        skipWhitespace();
        return pos == bytes.length ? null : "more content follows the object at byte " + pos;
    }

    private static String describe(byte first) {
        return switch (first) {
            case '[' -> "it is an array";
            case '"' -> "it is a string";
            case 't', 'f' -> "it is a boolean";
            case 'n' -> "it is null";
            default -> first == '-' || (first >= '0' && first <= '9') ? "it is a number" : "it does not start with '{'";
        };
    }

    /** Reads one value at {@code pos}; false (with {@link #problem} set) when it is not well formed. */
    private boolean value(int depth) {
        if (pos == bytes.length) {
            return fail("truncated where a value should be");
        }
        return switch (bytes[pos]) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object(int depth) {
        if (depth > MAX_DEPTH) {
            return fail("nested deeper than " + MAX_DEPTH + " levels at byte " + pos);
        }
        pos++;
        skipWhitespace();
        if (pos < bytes.length && bytes[pos] == '}') {
            pos++;
            return true;
        }
        while (true) {
            if (pos == bytes.length) {
                return fail("truncated inside an object");
            }
            if (bytes[pos] != '"') {
                return fail("a field name was expected at byte " + pos);
            }
            if (!string()) {
                return false;
            }
            skipWhitespace();
            if (pos == bytes.length || bytes[pos] != ':') {
                return fail(pos == bytes.length ? "truncated inside an object" : "':' was expected at byte " + pos);
            }
            pos++;
            skipWhitespace();
            if (!value(depth + 1)) {
                return false;
            }
            skipWhitespace();
            if (pos == bytes.length) {
                return fail("truncated inside an object");
            }
            byte b = bytes[pos++];
            if (b == '}') {
                return true;
            }
            if (b != ',') {
                return fail("',' or '}' was expected at byte " + (pos - 1));
            }
            skipWhitespace();
        }
    }

    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return fail("nested deeper than " + MAX_DEPTH + " levels at byte " + pos);
        }
        pos++;
        skipWhitespace();
        if (pos < bytes.length && bytes[pos] == ']') {
            pos++;
            return true;
        }
        while (true) {
            if (!value(depth + 1)) {
                return false;
            }
            skipWhitespace();
            if (pos == bytes.length) {
                return fail("truncated inside an array");
            }
            byte b = bytes[pos++];
            if (b == ']') {
                return true;
            }
            if (b != ',') {
                return fail("',' or ']' was expected at byte " + (pos - 1));
            }
            skipWhitespace();
        }
    }

    /** A string from its opening quote: escapes as RFC 8259 lists them, no raw control characters, valid UTF-8. */
    private boolean string() {
        int start = pos++;
        while (pos < bytes.length) {
            int b = bytes[pos] & 0xFF;
            if (b == '"') {
                pos++;
                return true;
            }
            if (b == '\\') {
                if (!escape()) {
                    return false;
                }
            } else if (b < 0x20) {
                return fail("a control character inside a string at byte " + pos);
            } else if (b < 0x80) {
                pos++;
            } else if (!utf8(b)) {
                return fail("invalid UTF-8 at byte " + pos);
            }
        }
        return fail("truncated inside the string that starts at byte " + start);
    }

    private boolean escape() {
        int at = pos++;
        if (pos == bytes.length) {
            return fail("truncated inside an escape at byte " + at);
        }
        byte e = bytes[pos++];
        switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return true;
            }
            case 'u' -> {
                for (int i = 0; i < 4; i++, pos++) {
                    if (pos == bytes.length || Character.digit(bytes[pos], 16) < 0) {
                        return fail("an invalid \\u escape at byte " + at);
                    }
                }
                return true;
            }
            default -> {
                return fail("an invalid escape at byte " + at);
            }
        }
    }

    /** One multi-byte UTF-8 sequence whose lead byte is {@code lead}: no overlong forms, no surrogates, at most U+10FFFF. */
    private boolean utf8(int lead) {
        int length;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = lead == 0xE0 ? 0xA0 : 0x80;
            max = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = lead == 0xF0 ? 0x90 : 0x80;
            max = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (pos + length > bytes.length) {
            return false;
        }
        int second = bytes[pos + 1] & 0xFF;
        if (second < min || second > max) {
            return false;
        }
        for (int i = 2; i < length; i++) {
            if ((bytes[pos + i] & 0xC0) != 0x80) {
                return false;
            }
        }
        pos += length;
        return true;
    }

    private boolean literal(String word) {
        int at = pos;
        for (int i = 0; i < word.length(); i++, pos++) {
            if (pos == bytes.length || bytes[pos] != word.charAt(i)) {
                return fail("an invalid value at byte " + at);
            }
        }
        return true;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private boolean number() {
        int at = pos;
        if (bytes[pos] == '-') {
            pos++;
        }
        if (pos < bytes.length && bytes[pos] == '0') {
            pos++;
        } else if (digits() == 0) {
            return fail("an invalid value at byte " + at);
        }
        if (pos < bytes.length && bytes[pos] == '.') {
            pos++;
            if (digits() == 0) {
                return fail("an invalid number at byte " + at);
            }
        }
        if (pos < bytes.length && (bytes[pos] == 'e' || bytes[pos] == 'E')) {
            pos++;
            if (pos < bytes.length && (bytes[pos] == '+' || bytes[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                return fail("an invalid number at byte " + at);
            }
        }
        return true;
    }

    private int digits() {
        int start = pos;
        while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    private void skipWhitespace() {
        while (pos < bytes.length) {
            byte b = bytes[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private boolean fail(String what) {
        problem = what;
        return false;
    }
}
