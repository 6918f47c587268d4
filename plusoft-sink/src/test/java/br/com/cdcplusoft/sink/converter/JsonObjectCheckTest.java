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
        NOT_OBJECTS.put("  \n", "it is empty or only whitespace");
        NOT_OBJECTS.put("quebrado", "malformed JSON at byte 0");
        NOT_OBJECTS.put("{\"a\":1} {\"b\":2}", "more content follows the object at byte 8");
        NOT_OBJECTS.put("{\"a\":1},{\"b\":2}", "malformed JSON at byte 7");
        NOT_OBJECTS.put("{\"a\":1}]", "malformed JSON at byte 7");
        NOT_OBJECTS.put("{quebrado", "malformed JSON at byte 1");
        NOT_OBJECTS.put("{\"a\":1", "truncated at byte 6");
        NOT_OBJECTS.put("{\"a\":", "truncated at byte 5");
        NOT_OBJECTS.put("{\"a\":[1,2", "truncated at byte 9");
        NOT_OBJECTS.put("{\"a\":\"Jo", "truncated at byte 8");
        NOT_OBJECTS.put("{\"a\" 1}", "malformed JSON at byte 5");
        NOT_OBJECTS.put("{\"a\":1 \"b\":2}", "malformed JSON at byte 7");
        NOT_OBJECTS.put("{\"a\":[1 2]}", "malformed JSON at byte 8");
        NOT_OBJECTS.put("{\"a\":1,}", "malformed JSON at byte 7");
        NOT_OBJECTS.put("{\"a\":[1,]}", "malformed JSON at byte 8");
        NOT_OBJECTS.put("{\"a\":01}", "malformed JSON at byte 6");
        NOT_OBJECTS.put("{\"a\":NaN}", "malformed JSON at byte 8");
        NOT_OBJECTS.put("{\"a\":'x'}", "malformed JSON at byte 5");
        NOT_OBJECTS.put("{'a':1}", "malformed JSON at byte 1");
        NOT_OBJECTS.put("{\"a\":\"\\x\"}", "malformed JSON at byte 7");
        NOT_OBJECTS.put("{\"a\":\"linha\nquebrada\"}", "malformed JSON at byte 11");
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
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},          // a lone continuation byte
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82});     // cut in the middle of '€'
        for (byte[] bytes : broken) {
            assertThat(JsonObjectCheck.problem(bytes)).as(new String(bytes, StandardCharsets.ISO_8859_1))
                    .matches("(malformed JSON|truncated) at byte \\d+");
        }
    }

    @Test
    void nestingIsBoundedByTheParsersLimit() {
        String deep = "{\"a\":".repeat(5000) + "{}" + "}".repeat(5000);

        assertThat(problem("{\"a\":".repeat(50) + "{}" + "}".repeat(50))).isNull();
        assertThat(problem(deep)).startsWith("malformed JSON at byte ");
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
