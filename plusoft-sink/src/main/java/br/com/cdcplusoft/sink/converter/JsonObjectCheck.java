package br.com.cdcplusoft.sink.converter;

import br.com.cdcplusoft.core.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Checks that bytes are exactly one well-formed JSON object (UTF-8, whitespace around it allowed),
 * with Jackson's streaming parser and without building a tree: the sink puts payload bytes into
 * request bodies as they are, separated by commas, so a value that is anything else, a truncated
 * object or two objects in a row would change what the whole request means.
 *
 * <p>The answer says what is wrong and where (byte offset), never the bytes themselves nor the
 * parser's message, which may quote them: it ends up in dead-letter headers and logs, and payloads
 * hold personal data.
 */
final class JsonObjectCheck {

    private JsonObjectCheck() {
    }

    /** Null when {@code bytes} hold one JSON object; else what is wrong, e.g. "it is an array" or "truncated at byte 6". */
    static String problem(byte[] bytes) {
        try (JsonParser parser = Json.mapper().createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return first == null ? "it is empty or only whitespace" : "it is " + describe(first);
            }
            for (int depth = 1; depth > 0; ) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return "truncated at byte " + bytes.length;
                }
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    // decodes the string into the parser's buffer: invalid UTF-8 and escapes are found here
                    case VALUE_STRING -> parser.getTextLength();
                    default -> { }
                }
            }
            return parser.nextToken() == null ? null
                    : "more content follows the object at byte " + parser.currentTokenLocation().getByteOffset();
        } catch (UnexpectedEndOfInputException e) {
            return "truncated at byte " + bytes.length;
        } catch (JacksonException e) {
            return "malformed JSON at byte " + (e.getLocation() == null ? "?" : e.getLocation().getByteOffset());
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "not a JSON object";
        };
    }
}
