package br.com.cdcplusoft.core.catalog;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic with the serdes of its keys and values: the only way modules name a topic. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, () -> "key serde of " + name);
        Objects.requireNonNull(valueSerde, () -> "value serde of " + name);
    }

    @Override
    public String toString() {
        return name;
    }
}
