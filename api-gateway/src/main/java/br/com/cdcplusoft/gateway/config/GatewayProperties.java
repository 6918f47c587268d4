package br.com.cdcplusoft.gateway.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * The gateway's settings ({@code gateway.*} in {@code api-gateway.yml}), validated once when the
 * context starts; each error names the setting. Secrets never appear in {@code toString}.
 *
 * @param maskPersonalData mask CPF/CNPJ, e-mail and phone numbers in read responses (LGPD)
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("true") boolean maskPersonalData,
        @DefaultValue Paging paging,
        @DefaultValue Security security,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Reads reads,
        @DefaultValue Runs runs,
        @DefaultValue Nightly nightly,
        @DefaultValue DeadLetters deadLetters) {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern ADDRESS_BLOCK = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(/\\d{1,3})?");

    /**
     * {@code GET /{entidade}?pular=&limite=}.
     *
     * @param defaultLimit rows per page when {@code limite} is absent
     * @param maxLimit     the largest {@code limite} accepted
     */
    public record Paging(@DefaultValue("100") int defaultLimit, @DefaultValue("500") int maxLimit) {
        public Paging {
            if (maxLimit < 1 || maxLimit > 10_000) {
                throw new IllegalArgumentException("gateway.paging.max-limit must be between 1 and 10000, was " + maxLimit);
            }
            if (defaultLimit < 1 || defaultLimit > maxLimit) {
                throw new IllegalArgumentException("gateway.paging.default-limit must be between 1 and gateway.paging.max-limit ("
                        + maxLimit + "), was " + defaultLimit);
            }
        }
    }

    /**
     * Who may call what. Two keys travel in {@code X-API-Key}: the admin key opens every route, the
     * read key opens the reads of personal data ({@code GET /clientes}, {@code /vendas}, {@code /dlq},
     * the error details of runs). Keys are compared in constant time and never printed.
     *
     * @param apiKey         the admin key ({@code GATEWAY_API_KEY}): every POST needs it, and it reads too; unset means
     *                       every POST is refused
     * @param readApiKey     the read key ({@code GATEWAY_READ_API_KEY}); unset means only the admin key reads what needs a key
     * @param openEntities   entities whose {@code GET /{entidade}} needs no key (default filiais and produtos: no personal data)
     * @param trustedProxies addresses or CIDR blocks of the reverse proxies whose {@code X-Forwarded-For} names the client;
     *                       empty (default): the client is the connection's address and forwarding headers are ignored
     */
    public record Security(String apiKey, String readApiKey, @DefaultValue({"filiais", "produtos"}) List<String> openEntities,
                           @DefaultValue List<String> trustedProxies) {
        public static final int MIN_KEY_LENGTH = 16;

        public Security {
            apiKey = key(apiKey, "gateway.security.api-key (GATEWAY_API_KEY)");
            readApiKey = key(readApiKey, "gateway.security.read-api-key (GATEWAY_READ_API_KEY)");
            if (apiKey != null && apiKey.equals(readApiKey)) {
                throw new IllegalArgumentException("gateway.security.read-api-key (GATEWAY_READ_API_KEY) must differ from "
                        + "gateway.security.api-key (GATEWAY_API_KEY): a read key must not open the POST routes");
            }
            openEntities = openEntities == null ? List.of() : openEntities.stream().map(String::strip).toList();
            trustedProxies = trustedProxies == null ? List.of() : trustedProxies.stream().map(String::strip).toList();
            for (String proxy : trustedProxies) {
                if (!ADDRESS_BLOCK.matcher(proxy).matches()) {
                    throw new IllegalArgumentException("gateway.security.trusted-proxies '" + proxy
                            + "' is not an IP address or CIDR block such as 10.0.0.5 or 10.0.0.0/24");
                }
                int slash = proxy.indexOf('/');
                int bits = proxy.indexOf(':') >= 0 ? 128 : 32;
                if (slash >= 0 && Integer.parseInt(proxy.substring(slash + 1)) > bits) {
                    throw new IllegalArgumentException("gateway.security.trusted-proxies '" + proxy + "' has a prefix outside 0.." + bits);
                }
            }
        }

        private static String key(String value, String setting) {
            String key = value == null || value.isBlank() ? null : value.strip();
            if (key != null && key.length() < MIN_KEY_LENGTH) {
                // the value itself is never part of the message
                throw new IllegalArgumentException(setting + " must be at least " + MIN_KEY_LENGTH + " characters long, was " + key.length());
            }
            return key;
        }

        public boolean hasApiKey() {
            return apiKey != null;
        }

        public boolean hasReadApiKey() {
            return readApiKey != null;
        }

        @Override
        public String toString() {
            return "Security[apiKey=" + (apiKey == null ? "<unset>" : "****") + ", readApiKey=" + (readApiKey == null ? "<unset>" : "****")
                    + ", openEntities=" + openEntities + ", trustedProxies=" + trustedProxies + "]";
        }
    }

    /**
     * What a read ({@code GET /{entidade}}) may cost the ERP.
     *
     * @param maxSkip           the largest {@code pular}; deeper pages follow {@code proximo} (keyset continuation)
     * @param queryTimeout      how long one read query may run before it is cancelled (503); whole seconds, at least 1
     * @param poolSize          connections of the reads' own pool, apart from the one re-syncs and the nightly run use
     * @param connectionTimeout how long a read waits for a connection of that pool before it answers 503
     */
    public record Reads(@DefaultValue("100000") long maxSkip, @DefaultValue("10s") Duration queryTimeout,
                        @DefaultValue("2") int poolSize, @DefaultValue("2s") Duration connectionTimeout) {
        public Reads {
            if (maxSkip < 0) {
                throw new IllegalArgumentException("gateway.reads.max-skip must be 0 or more, was " + maxSkip);
            }
            if (queryTimeout == null || queryTimeout.compareTo(Duration.ofSeconds(1)) < 0 || queryTimeout.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("gateway.reads.query-timeout must be a whole number of seconds, at least 1s, was "
                        + queryTimeout);
            }
            if (poolSize < 1 || poolSize > 20) {
                throw new IllegalArgumentException("gateway.reads.pool-size must be between 1 and 20, was " + poolSize);
            }
            if (connectionTimeout == null || connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
                throw new IllegalArgumentException("gateway.reads.connection-timeout must be at least 250ms, was " + connectionTimeout);
            }
        }
    }

    /**
     * Per-client-IP limit on GET requests of the API (not on /docs or /actuator).
     *
     * @param requestsPerPeriod requests a client may make per period
     * @param period            the refill period
     * @param maxClients        clients tracked at once; the least recently seen is forgotten beyond it
     */
    public record RateLimit(@DefaultValue("30") int requestsPerPeriod, @DefaultValue("1m") Duration period,
                            @DefaultValue("10000") int maxClients) {
        public RateLimit {
            if (requestsPerPeriod < 1) {
                throw new IllegalArgumentException("gateway.rate-limit.requests-per-period must be at least 1, was " + requestsPerPeriod);
            }
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("gateway.rate-limit.period must be positive, was " + period);
            }
            if (maxClients < 1) {
                throw new IllegalArgumentException("gateway.rate-limit.max-clients must be at least 1, was " + maxClients);
            }
        }
    }

    /**
     * The run tracker (the gateway's view of the runs topic).
     *
     * @param keep          runs kept in memory, most recent first; older ones are forgotten
     * @param staleAfter    a run of another process that reported nothing for this long no longer blocks a re-sync
     * @param groupIdPrefix prefix of the tracker's consumer group; each instance adds a random suffix and reads from the beginning
     */
    public record Runs(@DefaultValue("500") int keep, @DefaultValue("10m") Duration staleAfter,
                       @DefaultValue("api-gateway-runs") String groupIdPrefix) {
        public Runs {
            if (keep < 1) {
                throw new IllegalArgumentException("gateway.runs.keep must be at least 1, was " + keep);
            }
            if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
                throw new IllegalArgumentException("gateway.runs.stale-after must be positive, was " + staleAfter);
            }
            if (groupIdPrefix == null || groupIdPrefix.isBlank()) {
                throw new IllegalArgumentException("gateway.runs.group-id-prefix must not be blank");
            }
        }
    }

    /**
     * {@code GET /dlq} and {@code POST /dlq/{entidade}/reprocessar}.
     *
     * @param redriveGroup consumer group whose committed offsets on each dead-letter topic mark what was re-driven
     * @param latest       dead letters listed per topic when {@code limite} is absent
     * @param maxLatest    the largest {@code limite} accepted
     * @param maxScan      records read per dead-letter topic partition for a listing (the newest ones); counts beyond are not exact
     * @param timeout      how long one listing or re-drive may read and write before it gives up (503)
     */
    public record DeadLetters(@DefaultValue("api-gateway-dlq-redrive") String redriveGroup, @DefaultValue("10") int latest,
                              @DefaultValue("100") int maxLatest, @DefaultValue("100000") int maxScan,
                              @DefaultValue("60s") Duration timeout) {
        public DeadLetters {
            if (redriveGroup == null || redriveGroup.isBlank()) {
                throw new IllegalArgumentException("gateway.dead-letters.redrive-group must not be blank");
            }
            if (maxLatest < 1 || maxLatest > 1000) {
                throw new IllegalArgumentException("gateway.dead-letters.max-latest must be between 1 and 1000, was " + maxLatest);
            }
            if (latest < 1 || latest > maxLatest) {
                throw new IllegalArgumentException("gateway.dead-letters.latest must be between 1 and gateway.dead-letters.max-latest ("
                        + maxLatest + "), was " + latest);
            }
            if (maxScan < 1) {
                throw new IllegalArgumentException("gateway.dead-letters.max-scan must be at least 1, was " + maxScan);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("gateway.dead-letters.timeout must be positive, was " + timeout);
            }
        }
    }

    /**
     * The nightly full re-sync and the dated run logs.
     *
     * @param enabled       whether this instance schedules the nightly run at all
     * @param cron          Spring cron (second minute hour day month weekday)
     * @param zone          time zone of the cron and of the log folders
     * @param entities      entities in run order; empty means every entity of the catalog
     * @param forced        whether the nightly run carries the force marker (downstream sends unchanged rows too)
     * @param logDir        base folder of the run logs ({@code <logDir>/Rota_<Entidade>/<Mês>/<dd>/...})
     * @param followFor     how long a run log follows a run's delivery before it writes its summary anyway
     * @param progressEvery least time between two downstream progress lines of a run log
     * @param lockTopic     one-partition topic on which replicas claim each nightly slot; the first claim wins
     * @param lockTimeout   how long a replica waits for the broker when claiming a slot
     */
    public record Nightly(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 0 1 * * *") String cron,
            @DefaultValue("America/Sao_Paulo") String zone,
            @DefaultValue List<String> entities,
            @DefaultValue("false") boolean forced,
            @DefaultValue("Logs") String logDir,
            @DefaultValue("6h") Duration followFor,
            @DefaultValue("30s") Duration progressEvery,
            @DefaultValue("gateway.nightly-lock") String lockTopic,
            @DefaultValue("30s") Duration lockTimeout) {

        public Nightly {
            if (cron == null || !CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("gateway.nightly.cron '" + cron
                        + "' is not a valid cron expression (six fields: second minute hour day month weekday)");
            }
            try {
                ZoneId.of(zone);
            } catch (DateTimeException | NullPointerException e) {
                throw new IllegalArgumentException("gateway.nightly.zone '" + zone + "' is not a time zone id such as America/Sao_Paulo");
            }
            entities = entities == null ? List.of() : List.copyOf(entities);
            if (entities.stream().distinct().count() != entities.size()) {
                throw new IllegalArgumentException("gateway.nightly.entities " + entities + " repeat an entity");
            }
            if (logDir == null || logDir.isBlank()) {
                throw new IllegalArgumentException("gateway.nightly.log-dir must not be blank");
            }
            positive("follow-for", followFor);
            positive("progress-every", progressEvery);
            positive("lock-timeout", lockTimeout);
            if (lockTopic == null || !TOPIC.matcher(lockTopic).matches()) {
                throw new IllegalArgumentException("gateway.nightly.lock-topic '" + lockTopic + "' is not a legal Kafka topic name");
            }
        }

        private static void positive(String setting, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("gateway.nightly." + setting + " must be positive, was " + value);
            }
        }

        public CronExpression cronExpression() {
            return CronExpression.parse(cron);
        }

        public ZoneId zoneId() {
            return ZoneId.of(zone);
        }

        public Path logPath() {
            return Path.of(logDir);
        }
    }
}
