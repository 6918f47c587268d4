package br.com.cdcplusoft.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.sink.config.EntityRoute;
import br.com.cdcplusoft.sink.config.TombstoneAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    void aValueThatIsNotOneJsonObjectIsInvalid() {
        for (String value : List.of("[1,2]", "\"texto\"", "{\"a\":1} {\"b\":2}", "{quebrado")) {
            Entry e = PayloadConverter.convert(0, record("{\"IDFILIAL\":1}", value), route(TombstoneAction.SKIP, null));
            assertThat(e.kind()).as(value).isEqualTo(Entry.Kind.INVALID);
            assertThat(e.problem()).isEqualTo("value is not a JSON object");
        }
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
    void aTombstoneWithoutAJsonObjectKeyCannotBeDeleted() {
        Entry e = PayloadConverter.convert(0, record("10", null), route(TombstoneAction.DELETE, null));

        assertThat(e.kind()).isEqualTo(Entry.Kind.INVALID);
        assertThat(e.problem()).isEqualTo("tombstone key is not a JSON object");
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
}
