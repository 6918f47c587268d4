package br.com.cdcplusoft.sink.kafka;

import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.sink.delivery.SinkMetrics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Writes run deltas (DELIVERED, SINK_DEAD_LETTERED) to {@code pipeline.runs}, key = run id. */
final class RunEventPublisher {

    private final KafkaTemplate<byte[], byte[]> template;
    private final Topic<String, RunEvent> topic;
    private final SinkMetrics metrics;

    RunEventPublisher(KafkaTemplate<byte[], byte[]> template, Topic<String, RunEvent> topic, SinkMetrics metrics) {
        this.template = template;
        this.topic = topic;
        this.metrics = metrics;
    }

    CompletableFuture<?> publish(RunEvent event) {
        try {
            byte[] key = topic.keySerde().serializer().serialize(topic.name(), event.runId());
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
            return template.send(new ProducerRecord<>(topic.name(), key, value));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    void failed() {
        metrics.runEventFailed();
    }
}
