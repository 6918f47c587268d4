package br.com.cdcplusoft.extractor.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Extractor settings ({@code extractor.*}).
 *
 * @param mode                 {@code jdbc} (poll the views) or {@code debezium} (log-based; no polling here)
 * @param entities             entities this instance polls; empty means every entity of the catalog
 * @param pollingEnabled       false turns incremental polling off (snapshots on demand only)
 * @param lookBackSweepEvery   how often a poll re-reads the whole look-back window (other polls read from the cursor)
 * @param initialSnapshot      snapshot an entity that has no stored cursor before polling it
 * @param runs                 how long the in-process list of finished runs is kept
 */
@ConfigurationProperties("extractor")
public record ExtractorProperties(
        @DefaultValue("jdbc") Mode mode,
        @DefaultValue List<String> entities,
        @DefaultValue("true") boolean pollingEnabled,
        @DefaultValue("15s") Duration lookBackSweepEvery,
        @DefaultValue("true") boolean initialSnapshot,
        @DefaultValue("1h") Duration runs) {

    public enum Mode { JDBC, DEBEZIUM }

    public ExtractorProperties {
        if (lookBackSweepEvery.isNegative() || lookBackSweepEvery.isZero()) {
            throw new IllegalArgumentException("extractor.look-back-sweep-every must be positive, was " + lookBackSweepEvery);
        }
    }
}
