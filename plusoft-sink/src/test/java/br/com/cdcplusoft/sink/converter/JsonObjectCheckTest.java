package br.com.cdcplusoft.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

class JsonObjectCheckTest {

    private static String problem(String json) {
        return JsonObjectCheck.problem(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final List<String> OBJECTS = List.of(
            "{}",
            " \r\n\t{ } \n",
            "{\"IDFILIAL\":1,\"NUMMETRAGEM\":1200.50,\"VLR\":-0.5e-3,\"Q\":1E+2,\"Z\":0,\"N\":-0}",
            "{\"a\":null,\"b\":true,\"c\":false,\"d\":\"\",\"e\":[],\"f\":{},\"g\":[1,\"x\",[{}],{\"h\":[null]}]}",
            "{\"TXT\":\"Cartão de crédito, São Paulo €, 𝄞\"}",
            "{\"esc\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD834\\uDD1E\"}",
            "{ \"a\" : 1 , \"b\" : [ 1 , 2 ] }",
            "{\"a\":1,\"a\":2}");

    private static final Map<String, String> NOT_OBJECTS = new LinkedHashMap<>();

    static {
        NOT_OBJECTS.put("[1,2]", "it is an array");
        NOT_OBJECTS.put("\"texto\"", "it is a string");
        NOT_OBJECTS.put("-12", "it is a number");
        NOT_OBJECTS.put("true", "it is a boolean");
        NOT_OBJECTS.put("null", "it is null");
        NOT_OBJECTS.put("  \n", "it is only whitespace");
        NOT_OBJECTS.put("quebrado", "it does not start with '{'");
        NOT_OBJECTS.put("{\"a\":1} {\"b\":2}", "more content follows the object at byte 8");
        NOT_OBJECTS.put("{\"a\":1},{\"b\":2}", "more content follows the object at byte 7");
        NOT_OBJECTS.put("{\"a\":1}]", "more content follows the object at byte 7");
        NOT_OBJECTS.put("{quebrado", "a field name was expected at byte 1");
        NOT_OBJECTS.put("{\"a\":1", "truncated inside an object");
        NOT_OBJECTS.put("{\"a\":", "truncated where a value should be");
        NOT_OBJECTS.put("{\"a\"", "truncated inside an object");
        NOT_OBJECTS.put("{\"a\":[1,2", "truncated inside an array");
        NOT_OBJECTS.put("{\"a\":\"Jo", "truncated inside the string that starts at byte 5");
        NOT_OBJECTS.put("{\"a\" 1}", "':' was expected at byte 5");
        NOT_OBJECTS.put("{\"a\":1 \"b\":2}", "',' or '}' was expected at byte 7");
        NOT_OBJECTS.put("{\"a\":[1 2]}", "',' or ']' was expected at byte 8");
        NOT_OBJECTS.put("{\"a\":1,}", "a field name was expected at byte 7");
        NOT_OBJECTS.put("{\"a\":[1,]}", "an invalid value at byte 8");
        NOT_OBJECTS.put("{\"a\":01}", "',' or '}' was expected at byte 6");
        NOT_OBJECTS.put("{\"a\":1.}", "an invalid number at byte 5");
        NOT_OBJECTS.put("{\"a\":1e}", "an invalid number at byte 5");
        NOT_OBJECTS.put("{\"a\":+1}", "an invalid value at byte 5");
        NOT_OBJECTS.put("{\"a\":NaN}", "an invalid value at byte 5");
        NOT_OBJECTS.put("{\"a\":tru}", "an invalid value at byte 5");
        NOT_OBJECTS.put("{\"a\":'x'}", "an invalid value at byte 5");
        NOT_OBJECTS.put("{'a':1}", "a field name was expected at byte 1");
        NOT_OBJECTS.put("{\"a\":\"\\x\"}", "an invalid escape at byte 6");
        NOT_OBJECTS.put("{\"a\":\"\\u12G4\"}", "an invalid \\u escape at byte 6");
        NOT_OBJECTS.put("{\"a\":\"linha\nquebrada\"}", "a control character inside a string at byte 11");
    }

    @Test
    void oneObjectOfAnyShapePasses() {
        for (String json : OBJECTS) {
            assertThat(problem(json)).as(json).isNull();
        }
    }

    @Test
    void anythingElseIsNamedWithoutQuotingThePayload() {
        NOT_OBJECTS.forEach((json, expected) -> assertThat(problem(json)).as(json).isEqualTo(expected));
    }

    @Test
    void invalidUtf8InAStringIsRefused() {
        List<byte[]> broken = List.of(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},          // lead byte without its continuation
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, // overlong '/'
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // a surrogate
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},          // a lone continuation byte
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82});     // cut in the middle of '€'
        for (byte[] bytes : broken) {
            assertThat(JsonObjectCheck.problem(bytes)).isEqualTo("invalid UTF-8 at byte 6");
        }
    }

    @Test
    void nestingIsBoundedAsJacksonBoundsIt() {
        String within = "{\"a\":".repeat(JsonObjectCheck.MAX_DEPTH - 1) + "{}" + "}".repeat(JsonObjectCheck.MAX_DEPTH - 1);
        String beyond = "{\"a\":" + within + "}";

        assertThat(problem(within)).isNull();
        assertThat(problem(beyond)).isEqualTo("nested deeper than 500 levels at byte " + 5 * JsonObjectCheck.MAX_DEPTH);
    }

    /** The check replaces a Jackson parse: on every sample it must agree with what Jackson reads as one object. */
    @Test
    void agreesWithJacksonOnEverySample() {
        List<String> samples = new ArrayList<>(OBJECTS);
        samples.addAll(NOT_OBJECTS.keySet());
        var reader = Json.mapper().readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (String json : samples) {
            boolean jacksonObject;
            try {
                JsonNode node = reader.readValue(json.getBytes(StandardCharsets.UTF_8));
                jacksonObject = node != null && node.isObject();
            } catch (JacksonException e) {
                jacksonObject = false;
            }
            assertThat(problem(json) == null).as(json).isEqualTo(jacksonObject);
        }
    }
}
