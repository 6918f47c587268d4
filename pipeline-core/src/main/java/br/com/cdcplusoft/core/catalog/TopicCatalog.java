package br.com.cdcplusoft.core.catalog;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.databind.JsonNode;

/**
 * Every topic of the pipeline, named from configuration.
 *
 * <ul>
 *   <li>{@code consinco.<entidade>}: key = source primary key as JSON ({@code {"SEQPRODUTO":10}}),
 *       value = {@link ChangeEvent} (Debezium envelope shape, schemas off); compacted.</li>
 *   <li>{@code consinco.<entidade>.dlq}: events the mapper could not read or map, value = a JSON
 *       dead letter with the original event, entity, field and reason.</li>
 *   <li>{@code plusoft.<entidade>}: key = Plusoft identity as JSON ({@code {"IDPRODUTO":10}}), value =
 *       the Plusoft payload object, or null (tombstone) for a delete; compacted.</li>
 *   <li>{@code plusoft.<entidade>.dlq}: payloads Plusoft rejected or that could not be delivered.</li>
 *   <li>{@code pipeline.runs}: key = run id, value = {@link RunEvent} (progress of snapshot runs).</li>
 *   <li>{@code extractor.cursors}: key = entity name, value = the extractor's stored position; compacted.</li>
 * </ul>
 */
public record TopicCatalog(String changePrefix, String payloadPrefix, String deadLetterSuffix,
                           String runs, String cursors) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    public static TopicCatalog defaults() {
        return new TopicCatalog("consinco.", "plusoft.", ".dlq", "pipeline.runs", "extractor.cursors");
    }

    public TopicCatalog {
        check("change-prefix", changePrefix);
        check("payload-prefix", payloadPrefix);
        check("dead-letter-suffix", deadLetterSuffix);
        check("runs", runs);
        check("cursors", cursors);
        if (changePrefix.equals(payloadPrefix)) {
            throw new IllegalArgumentException("pipeline.topics: change-prefix and payload-prefix must differ, both are '" + changePrefix + "'");
        }
    }

    private static void check(String setting, String value) {
        if (value == null || !LEGAL.matcher(value).matches()) {
            throw new IllegalArgumentException("pipeline.topics." + setting + " '" + value + "' is not a legal Kafka topic name part");
        }
    }

    public Topic<JsonNode, ChangeEvent> changes(String entity) {
        return new Topic<>(changePrefix + entity, JsonSerdes.jsonNode(), JsonSerdes.changeEvent());
    }

    public Topic<JsonNode, JsonNode> changeDeadLetters(String entity) {
        return new Topic<>(changePrefix + entity + deadLetterSuffix, JsonSerdes.jsonNode(), JsonSerdes.jsonNode());
    }

    public Topic<JsonNode, JsonNode> payloads(String entity) {
        return new Topic<>(payloadPrefix + entity, JsonSerdes.jsonNode(), JsonSerdes.jsonNode());
    }

    public Topic<JsonNode, JsonNode> payloadDeadLetters(String entity) {
        return new Topic<>(payloadPrefix + entity + deadLetterSuffix, JsonSerdes.jsonNode(), JsonSerdes.jsonNode());
    }

    public Topic<String, RunEvent> runEvents() {
        return new Topic<>(runs, Serdes.String(), JsonSerdes.runEvent());
    }

    public Topic<String, JsonNode> extractorCursors() {
        return new Topic<>(cursors, Serdes.String(), JsonSerdes.jsonNode());
    }

    /** The entity a change or payload topic belongs to, or null when the topic is not one of them. */
    public String entityOf(String topic) {
        for (String prefix : new String[] {changePrefix, payloadPrefix}) {
            if (topic.startsWith(prefix) && !topic.endsWith(deadLetterSuffix)) {
                return topic.substring(prefix.length());
            }
        }
        return null;
    }
}
