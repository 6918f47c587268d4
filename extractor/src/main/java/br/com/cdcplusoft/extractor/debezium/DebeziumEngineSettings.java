package br.com.cdcplusoft.extractor.debezium;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded Debezium engine's settings ({@code extractor.debezium.*}); used when
 * {@code extractor.mode=debezium}.
 *
 * @param embedded    run the engine in this process (sites without Kafka Connect); false when a Kafka
 *                    Connect cluster runs the connector (connect-config/) and this extractor only idles
 * @param tables      captured table (upper-case name, as the source spells it) -> topic suffix after
 *                    {@code pipeline.topics.change-prefix}; a table not listed here is not published
 * @param engine      Debezium engine and connector properties ({@code connector.class}, {@code database.*},
 *                    {@code table.include.list}, ...) laid over {@link EngineProperties#defaults}
 * @param sendTimeout how long one batch may wait for Kafka's acknowledgements before the engine stops
 */
@ConfigurationProperties("extractor.debezium")
public record DebeziumEngineSettings(
        @DefaultValue("true") boolean embedded,
        Map<String, String> tables,
        Map<String, String> engine,
        @DefaultValue("60s") Duration sendTimeout) {

    /** The Consinco base tables of the four entities, each on its own change topic. */
    public static final Map<String, String> CONSINCO_TABLES = consincoTables();

    private static final Pattern TABLE = Pattern.compile("[A-Z][A-Z0-9_$#]*");
    private static final Pattern TOPIC_SUFFIX = Pattern.compile("[a-zA-Z0-9._-]+");

    public DebeziumEngineSettings {
        Map<String, String> routes = new LinkedHashMap<>();
        (tables == null || tables.isEmpty() ? CONSINCO_TABLES : tables).forEach((table, suffix) -> {
            String name = table == null ? "" : table.trim().toUpperCase(Locale.ROOT);
            if (!TABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("extractor.debezium.tables: '" + table + "' is not a table name");
            }
            if (suffix == null || !TOPIC_SUFFIX.matcher(suffix.trim()).matches()) {
                throw new IllegalArgumentException("extractor.debezium.tables." + name + ": topic suffix '" + suffix
                        + "' is not a legal Kafka topic name part");
            }
            if (routes.put(name, suffix.trim()) != null) {
                throw new IllegalArgumentException("extractor.debezium.tables: table " + name + " is listed twice");
            }
        });
        tables = Collections.unmodifiableMap(routes);
        engine = engine == null ? Map.of() : Map.copyOf(engine);
        if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("extractor.debezium.send-timeout must be positive, was " + sendTimeout);
        }
    }

    /** Settings with every default: the Consinco tables, no engine overrides. */
    public static DebeziumEngineSettings defaults() {
        return new DebeziumEngineSettings(true, Map.of(), Map.of(), Duration.ofSeconds(60));
    }

    private static Map<String, String> consincoTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : new String[] {"MAX_EMPRESA", "GE_PESSOA", "MRL_CLIENTE", "MAP_PRODUTO", "MAP_FAMILIA",
                "MAP_MARCA", "MFL_DOCTOFISCAL", "MFL_DFITEM"}) {
            tables.put(table, "base." + table);
        }
        return Collections.unmodifiableMap(tables);
    }

    /** Secrets stay out of logs: engine properties whose name mentions a password are masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        engine.forEach((k, v) -> shown.put(k, EngineProperties.isSecret(k) ? "******" : v));
        return "DebeziumEngineSettings[embedded=" + embedded + ", tables=" + tables + ", engine=" + shown
                + ", sendTimeout=" + sendTimeout + "]";
    }
}
