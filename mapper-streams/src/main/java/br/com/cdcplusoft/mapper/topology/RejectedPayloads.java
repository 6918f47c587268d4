package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.json.Json;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the global store {@code <entidade>-rejected} from {@code plusoft.<entidade>.dlq}: per Plusoft
 * key (compact JSON), the timestamp of its latest sink dead letter. {@link ChangeMapper} reads it to
 * send a payload again that it would otherwise drop as unchanged, since Plusoft never took it.
 */
final class RejectedPayloads implements Processor<byte[], byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(RejectedPayloads.class);

    private final String storeName;
    private KeyValueStore<String, Long> store;

    RejectedPayloads(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = canonical(record.key());
        if (key == null) {
            return;
        }
        Long known = store.get(key);
        if (known == null || known < record.timestamp()) {
            store.put(key, record.timestamp());
        }
    }

    /** The Plusoft key as compact JSON, as {@link ChangeMapper} writes it; null when unreadable. */
    static String canonical(byte[] key) {
        if (key == null || key.length == 0) {
            return null;
        }
        try {
            return canonical(Json.mapper().readTree(key));
        } catch (JacksonException e) {
            log.warn("A sink dead letter has an unreadable key: ignored by the unchanged-payload check");
            return null;
        }
    }

    static String canonical(JsonNode key) {
        return Json.mapper().writeValueAsString(key);
    }
}
