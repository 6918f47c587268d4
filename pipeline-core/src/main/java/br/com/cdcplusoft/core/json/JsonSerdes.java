package br.com.cdcplusoft.core.json;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.run.RunEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** JSON serdes for the pipeline's topics. A null or empty payload is a tombstone and reads as null. */
public final class JsonSerdes {

    private JsonSerdes() {
    }

    public static Serde<JsonNode> jsonNode() {
        return of(JsonNode.class);
    }

    public static Serde<ChangeEvent> changeEvent() {
        return of(ChangeEvent.class);
    }

    public static Serde<RunEvent> runEvent() {
        return of(RunEvent.class);
    }

    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(serializer(), deserializer(type));
    }

    public static <T> Serializer<T> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return Json.mapper().writeValueAsBytes(data);
            } catch (JacksonException e) {
                throw new SerializationException("cannot write " + data.getClass().getSimpleName() + " as JSON for topic " + topic, e);
            }
        };
    }

    public static <T> Deserializer<T> deserializer(Class<T> type) {
        return (topic, bytes) -> {
            if (bytes == null || bytes.length == 0) {
                return null;
            }
            try {
                return Json.mapper().readValue(bytes, type);
            } catch (JacksonException e) {
                throw new SerializationException("record on topic " + topic + " is not a valid " + type.getSimpleName()
                        + " JSON: " + e.getOriginalMessage(), e);
            }
        };
    }
}
