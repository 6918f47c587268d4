package br.com.cdcplusoft.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.sink.config.EntityRoute;
import br.com.cdcplusoft.sink.config.TombstoneAction;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PayloadConverterTest {

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("plusoft.filiais", 0, 7, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static EntityRoute route(TombstoneAction action, String inactiveValue) {
        return new EntityRoute(null, null, action, null, null, null, inactiveValue).resolve("filiais");
    }

    private static String body(Entry e) {
        return new String(e.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aPayloadIsSentAsTheExactBytesTheMapperWrote() {
        String value = "{\"IDFILIAL\":1,\"NUMMETRAGEM\":1200.50}";
        Entry e = PayloadConverter.convert(3, record("{\"IDFILIAL\":1}", value), route(TombstoneAction.SKIP, null));

        assertThat(e.kind()).isEqualTo(Entry.Kind.UPSERT);
        assertThat(body(e)).isEqualTo(value);
        assertThat(e.index()).isEqualTo(3);
        assertThat(e.coordinates()).isEqualTo("plusoft.filiais-0@7");
    }

    @Test
    void aValueThatIsNotOneJsonObjectIsInvalidAndSaysWhatIsWrong() {
        Map<String, String> problems = Map.of(
                "[1,2]", "value is not a JSON object: it is an array",
                "\"texto\"", "value is not a JSON object: it is a string",
                "{\"a\":1} {\"b\":2}", "value is not a JSON object: more content follows the object at byte 8",
                "{quebrado", "value is not a JSON object: malformed JSON at byte 1",
                "{\"IDFILIAL\":1,\"NOME\":\"Jo", "value is not a JSON object: truncated at byte 24");
        problems.forEach((value, problem) -> {
            Entry e = PayloadConverter.convert(0, record("{\"IDFILIAL\":1}", value), route(TombstoneAction.SKIP, null));
            assertThat(e.kind()).as(value).isEqualTo(Entry.Kind.INVALID);
            assertThat(e.body()).isNull();
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @Test
    void aPayloadIsNeitherParsedNorReformatted() {
        // spacing, number spelling, escapes and duplicate fields survive: only the mapper decides what Plusoft reads
        String value = " { \"IDFILIAL\" : 1 , \"VLR\":1.50E+2,\"TXT\":\"S\\u00e3o Paulo\",\"TXT\":\"São Paulo\" }\n";
        Entry e = PayloadConverter.convert(0, record("{\"IDFILIAL\":1}", value), route(TombstoneAction.SKIP, null));

        assertThat(e.kind()).isEqualTo(Entry.Kind.UPSERT);
        assertThat(e.body()).isSameAs(e.record().value());
    }

    @Test
    void aTombstoneIsSkippedDeletedOrMarkedInactiveAsConfigured() {
        ConsumerRecord<byte[], byte[]> tombstone = record("{\"IDFILIAL\":1}", null);

        assertThat(PayloadConverter.convert(0, tombstone, route(TombstoneAction.SKIP, null)).kind()).isEqualTo(Entry.Kind.SKIP);
        Entry delete = PayloadConverter.convert(0, tombstone, route(TombstoneAction.DELETE, null));
        assertThat(delete.kind()).isEqualTo(Entry.Kind.DELETE);
        assertThat(body(delete)).isEqualTo("{\"IDFILIAL\":1}");
        Entry inactive = PayloadConverter.convert(0, tombstone, route(TombstoneAction.INACTIVE, null));
        assertThat(inactive.kind()).isEqualTo(Entry.Kind.UPSERT);
        assertThat(body(inactive)).isEqualTo("{\"IDFILIAL\":1,\"FLGATIVA\":0}");
    }

    @Test
    void theInactiveValueKeepsItsJsonType() {
        ConsumerRecord<byte[], byte[]> tombstone = record("{\"IDFILIAL\":1}", null);

        assertThat(body(PayloadConverter.convert(0, tombstone, route(TombstoneAction.INACTIVE, "false"))))
                .isEqualTo("{\"IDFILIAL\":1,\"FLGATIVA\":false}");
        assertThat(body(PayloadConverter.convert(0, tombstone, route(TombstoneAction.INACTIVE, "N"))))
                .isEqualTo("{\"IDFILIAL\":1,\"FLGATIVA\":\"N\"}");
    }

    @Test
    void aTombstoneWithoutAJsonObjectKeyCannotBeDeletedNorMarkedInactive() {
        for (TombstoneAction action : List.of(TombstoneAction.DELETE, TombstoneAction.INACTIVE)) {
            Entry number = PayloadConverter.convert(0, record("10", null), route(action, null));
            Entry truncated = PayloadConverter.convert(0, record("{\"IDFILIAL\":", null), route(action, null));
            Entry none = PayloadConverter.convert(0, record(null, null), route(action, null));

            assertThat(List.of(number, truncated, none)).extracting(Entry::kind).containsOnly(Entry.Kind.INVALID);
            assertThat(number.problem()).isEqualTo("tombstone key is not a JSON object: it is a number");
            assertThat(truncated.problem()).isEqualTo("tombstone key is not a JSON object: truncated at byte 12");
            assertThat(none.problem()).isEqualTo("tombstone has no key");
        }
    }

    @Test
    void aDeleteSendsTheKeyAsConsumedAndInactiveReplacesAFlagTheKeyAlreadyHas() {
        Entry delete = PayloadConverter.convert(0, record("{ \"IDFILIAL\" : 1 }", null), route(TombstoneAction.DELETE, null));
        Entry inactive = PayloadConverter.convert(0, record("{\"IDFILIAL\":1,\"FLGATIVA\":1}", null),
                route(TombstoneAction.INACTIVE, null));

        assertThat(delete.body()).isSameAs(delete.record().key());
        assertThat(body(inactive)).isEqualTo("{\"IDFILIAL\":1,\"FLGATIVA\":0}");
    }

    @Test
    void theBodyIsAnArrayOrAWrappedArray() {
        List<Entry> entries = List.of(
                PayloadConverter.convert(0, record("{}", "{\"A\":1}"), route(TombstoneAction.SKIP, null)),
                PayloadConverter.convert(1, record("{}", "{\"A\":2}"), route(TombstoneAction.SKIP, null)));

        BodyWriter bare = new BodyWriter(null);
        BodyWriter wrapped = new BodyWriter("registros");
        assertThat(new String(bare.write(entries), StandardCharsets.UTF_8)).isEqualTo("[{\"A\":1},{\"A\":2}]");
        assertThat(new String(wrapped.write(entries), StandardCharsets.UTF_8)).isEqualTo("{\"registros\":[{\"A\":1},{\"A\":2}]}");
        assertThat(bare.size(entries)).isEqualTo(bare.write(entries).length);
        assertThat(wrapped.size(entries)).isEqualTo(wrapped.write(entries).length);
    }

    @Test
    void theBodyHoldsThePayloadBytesByteForByte() {
        byte[] first = "{\"IDFILIAL\":1,\"NUMMETRAGEM\":1200.50,\"TXT\":\"São Paulo\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = " {\"IDFILIAL\" : 2, \"NUMMETRAGEM\":1.2E+3}\n".getBytes(StandardCharsets.UTF_8);
        List<Entry> entries = List.of(
                PayloadConverter.convert(0, new ConsumerRecord<>("plusoft.filiais", 0, 0, null, first), route(TombstoneAction.SKIP, null)),
                PayloadConverter.convert(1, new ConsumerRecord<>("plusoft.filiais", 0, 1, null, second), route(TombstoneAction.SKIP, null)));

        assertThat(new BodyWriter(null).write(entries)).isEqualTo(concat("[".getBytes(StandardCharsets.UTF_8), first,
                ",".getBytes(StandardCharsets.UTF_8), second, "]".getBytes(StandardCharsets.UTF_8)));
        assertThat(new BodyWriter("registros").write(entries)).isEqualTo(concat("{\"registros\":[".getBytes(StandardCharsets.UTF_8),
                first, ",".getBytes(StandardCharsets.UTF_8), second, "]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(new BodyWriter(null).write(entries.subList(0, 1))).isEqualTo(concat("[".getBytes(StandardCharsets.UTF_8), first,
                "]".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
