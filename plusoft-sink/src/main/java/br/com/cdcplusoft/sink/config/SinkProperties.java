package br.com.cdcplusoft.sink.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the sink needs to know about Plusoft ({@code plusoft.*}). Every group is optional in
 * YAML: a missing group or key takes the default named in its record. Values are checked once, here,
 * and a wrong one fails start-up with a message that names the key.
 *
 * @param baseUrl        Plusoft's base URL (PLUSOFT_BASE_URL), required: the sink never falls back to a simulator
 * @param entities       per-entity route; an entity of {@code pipeline.entities} without one gets {@link EntityRoute#defaults}
 */
@ConfigurationProperties("plusoft")
public record SinkProperties(URI baseUrl, Auth auth, Http http, Batch batch, Retry retry, RateLimit rateLimit,
                             CircuitBreaker circuitBreaker, DeadLetter deadLetter,
                             Map<String, EntityRoute> entities) {

    public SinkProperties {
        baseUrl = baseUrl == null || baseUrl.toString().isBlank() ? null : httpUrl("plusoft.base-url", baseUrl);
        auth = auth == null ? Auth.defaults() : auth;
        http = http == null ? Http.defaults() : http;
        batch = batch == null ? Batch.defaults() : batch;
        retry = retry == null ? Retry.defaults() : retry;
        rateLimit = rateLimit == null ? RateLimit.defaults() : rateLimit;
        circuitBreaker = circuitBreaker == null ? CircuitBreaker.defaults() : circuitBreaker;
        deadLetter = deadLetter == null ? DeadLetter.defaults() : deadLetter;
        Map<String, EntityRoute> routes = new LinkedHashMap<>();
        if (entities != null) {
            entities.forEach((name, route) -> routes.put(name, (route == null ? EntityRoute.defaults() : route).resolve(name)));
        }
        entities = Collections.unmodifiableMap(routes);
        if (baseUrl != null && auth.type() == AuthType.BEARER && !auth.token().isPresent()) {
            throw new IllegalArgumentException("plusoft.auth.token (PLUSOFT_TOKEN) is required when plusoft.base-url is set"
                    + " and plusoft.auth.type is bearer");
        }
    }

    public static SinkProperties defaults() {
        return new SinkProperties(null, null, null, null, null, null, null, null, null);
    }

    /** The route of an entity: configured, or the defaults ({@code /<entity>}, tombstones skipped). */
    public EntityRoute route(String entity) {
        EntityRoute route = entities.get(entity);
        return route != null ? route : EntityRoute.defaults().resolve(entity);
    }

    @Override
    public String toString() {
        return "SinkProperties[baseUrl=" + (baseUrl == null ? "<unset>" : baseUrl) + ", auth=" + auth + ", http=" + http
                + ", batch=" + batch + ", retry=" + retry + ", rateLimit=" + rateLimit + ", circuitBreaker=" + circuitBreaker
                + ", deadLetter=" + deadLetter + ", entities=" + entities + "]";
    }

    /**
     * @param type                bearer (default), static-header or oauth2
     * @param token               bearer token (PLUSOFT_TOKEN)
     * @param headerName          static-header: the header to send
     * @param headerValue         static-header: its value
     * @param tokenUrl            oauth2: the token endpoint (client credentials grant)
     * @param clientId            oauth2: client id
     * @param clientSecret        oauth2: client secret, sent with HTTP Basic
     * @param scope               oauth2: optional scope
     * @param refreshBeforeExpiry oauth2: a cached token is renewed this long before it expires (default 60s)
     */
    public record Auth(AuthType type, Secret token, String headerName, Secret headerValue, URI tokenUrl,
                       String clientId, Secret clientSecret, String scope, Duration refreshBeforeExpiry) {

        public static final Duration DEFAULT_REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);
        private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

        public Auth {
            type = type == null ? AuthType.BEARER : type;
            token = token == null ? Secret.empty() : token;
            headerName = blankToNull(headerName);
            headerValue = headerValue == null ? Secret.empty() : headerValue;
            clientId = blankToNull(clientId);
            clientSecret = clientSecret == null ? Secret.empty() : clientSecret;
            scope = blankToNull(scope);
            tokenUrl = tokenUrl == null || tokenUrl.toString().isBlank() ? null : tokenUrl;
            refreshBeforeExpiry = refreshBeforeExpiry == null ? DEFAULT_REFRESH_BEFORE_EXPIRY : refreshBeforeExpiry;
            if (refreshBeforeExpiry.isNegative()) {
                throw new IllegalArgumentException("plusoft.auth.refresh-before-expiry must not be negative, was " + refreshBeforeExpiry);
            }
            if (type == AuthType.STATIC_HEADER) {
                if (headerName == null) {
                    throw new IllegalArgumentException("plusoft.auth.header-name is required when plusoft.auth.type is static-header");
                }
                if (!HEADER_NAME.matcher(headerName).matches()) {
                    throw new IllegalArgumentException("plusoft.auth.header-name '" + headerName + "' is not a valid HTTP header name");
                }
                String lower = headerName.toLowerCase(Locale.ROOT);
                if (lower.equals("content-type") || lower.equals("idempotency-key") || lower.equals("content-length")
                        || lower.equals("host") || lower.equals("connection")) {
                    throw new IllegalArgumentException("plusoft.auth.header-name '" + headerName + "' is a header the sink sets itself");
                }
                if (!headerValue.isPresent()) {
                    throw new IllegalArgumentException("plusoft.auth.header-value is required when plusoft.auth.type is static-header");
                }
            }
            if (type == AuthType.OAUTH2) {
                if (tokenUrl == null) {
                    throw new IllegalArgumentException("plusoft.auth.token-url is required when plusoft.auth.type is oauth2");
                }
                tokenUrl = httpUrl("plusoft.auth.token-url", tokenUrl);
                if (clientId == null) {
                    throw new IllegalArgumentException("plusoft.auth.client-id is required when plusoft.auth.type is oauth2");
                }
                if (!clientSecret.isPresent()) {
                    throw new IllegalArgumentException("plusoft.auth.client-secret is required when plusoft.auth.type is oauth2");
                }
            }
        }

        public static Auth defaults() {
            return new Auth(null, null, null, null, null, null, null, null, null);
        }

        public static Auth bearer(String token) {
            return new Auth(AuthType.BEARER, Secret.of(token), null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Auth[type=" + type.setting() + ", token=" + token + ", headerName=" + headerName + ", headerValue="
                    + headerValue + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=" + clientSecret
                    + ", scope=" + scope + ", refreshBeforeExpiry=" + refreshBeforeExpiry + "]";
        }
    }

    /**
     * @param connectTimeout TCP connect timeout (default 5s)
     * @param requestTimeout whole-request timeout, an expired one is retried like an IO error (default 30s)
     */
    public record Http(Duration connectTimeout, Duration requestTimeout) {

        public Http {
            connectTimeout = positive("plusoft.http.connect-timeout", connectTimeout, Duration.ofSeconds(5));
            requestTimeout = positive("plusoft.http.request-timeout", requestTimeout, Duration.ofSeconds(30));
        }

        public static Http defaults() {
            return new Http(null, null);
        }
    }

    /**
     * A request carries at most {@code maxRecords} records and {@code maxBytes} of body; records wait
     * at most {@code linger} for a fuller batch (the consumer's fetch wait).
     *
     * @param maxRecords default 1000, between 1 and 10000
     * @param maxBytes   default 1MB, between 1KB and 64MB
     * @param linger     default 200ms (a change reaches Plusoft within 2 s at p99), between 0 and 30s
     */
    public record Batch(Integer maxRecords, DataSize maxBytes, Duration linger) {

        public static final int DEFAULT_MAX_RECORDS = 1000;
        public static final DataSize DEFAULT_MAX_BYTES = DataSize.ofMegabytes(1);
        public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);

        public Batch {
            maxRecords = maxRecords == null ? DEFAULT_MAX_RECORDS : maxRecords;
            if (maxRecords < 1 || maxRecords > 10_000) {
                throw new IllegalArgumentException("plusoft.batch.max-records must be between 1 and 10000, was " + maxRecords);
            }
            maxBytes = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
            if (maxBytes.toBytes() < 1024 || maxBytes.toBytes() > DataSize.ofMegabytes(64).toBytes()) {
                throw new IllegalArgumentException("plusoft.batch.max-bytes must be between 1KB and 64MB, was " + maxBytes);
            }
            linger = linger == null ? DEFAULT_LINGER : linger;
            if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException("plusoft.batch.linger must be between 0 and 30s, was " + linger);
            }
        }

        public static Batch defaults() {
            return new Batch(null, null, null);
        }
    }

    /**
     * Retries of IO errors, timeouts, 408, 429 and 5xx: delay {@code initial * multiplier^(n-1)},
     * capped at {@code max}, spread by +/- {@code jitter}, never shorter than a Retry-After; after
     * {@code maxTotal} since the first attempt the batch is dead-lettered.
     */
    public record Retry(Duration initial, Duration max, Double multiplier, Double jitter, Duration maxTotal) {

        public Retry {
            initial = positive("plusoft.retry.initial", initial, Duration.ofMillis(500));
            max = positive("plusoft.retry.max", max, Duration.ofSeconds(30));
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("plusoft.retry.max (" + max + ") must not be less than plusoft.retry.initial ("
                        + initial + ")");
            }
            multiplier = multiplier == null ? 2.0 : multiplier;
            if (multiplier.isNaN() || multiplier < 1.0 || multiplier > 10.0) {
                throw new IllegalArgumentException("plusoft.retry.multiplier must be between 1.0 and 10.0, was " + multiplier);
            }
            jitter = jitter == null ? 0.2 : jitter;
            if (jitter.isNaN() || jitter < 0.0 || jitter >= 1.0) {
                throw new IllegalArgumentException("plusoft.retry.jitter must be at least 0.0 and less than 1.0, was " + jitter);
            }
            maxTotal = maxTotal == null ? Duration.ofMinutes(5) : maxTotal;
            if (maxTotal.isNegative()) {
                throw new IllegalArgumentException("plusoft.retry.max-total must not be negative, was " + maxTotal);
            }
        }

        public static Retry defaults() {
            return new Retry(null, null, null, null, null);
        }
    }

    /**
     * At most {@code limitForPeriod} requests toward Plusoft per {@code period}, for the whole process; a
     * request waits at most {@code maxWait} for a permit, then counts as a failed attempt.
     */
    public record RateLimit(Integer limitForPeriod, Duration period, Duration maxWait) {

        public RateLimit {
            limitForPeriod = limitForPeriod == null ? 50 : limitForPeriod;
            if (limitForPeriod < 1) {
                throw new IllegalArgumentException("plusoft.rate-limit.limit-for-period must be at least 1, was " + limitForPeriod);
            }
            period = positive("plusoft.rate-limit.period", period, Duration.ofSeconds(1));
            maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("plusoft.rate-limit.max-wait must not be negative, was " + maxWait);
            }
        }

        public static RateLimit defaults() {
            return new RateLimit(null, null, null);
        }
    }

    /**
     * Opens when at least {@code failureRateThreshold} percent of the last {@code slidingWindow} calls
     * (and at least {@code minimumCalls}) failed with IO errors, timeouts, 5xx, 408, 401 or 403; while
     * open the listener containers are paused. After {@code waitInOpen} it lets {@code halfOpenCalls}
     * probes through and resumes consumption.
     */
    public record CircuitBreaker(Float failureRateThreshold, Integer slidingWindow, Integer minimumCalls,
                                 Duration waitInOpen, Integer halfOpenCalls) {

        public CircuitBreaker {
            failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
            if (failureRateThreshold.isNaN() || failureRateThreshold <= 0f || failureRateThreshold > 100f) {
                throw new IllegalArgumentException("plusoft.circuit-breaker.failure-rate-threshold must be greater than 0 and at most 100, was "
                        + failureRateThreshold);
            }
            slidingWindow = slidingWindow == null ? 20 : slidingWindow;
            if (slidingWindow < 1) {
                throw new IllegalArgumentException("plusoft.circuit-breaker.sliding-window must be at least 1, was " + slidingWindow);
            }
            minimumCalls = minimumCalls == null ? Math.min(10, slidingWindow) : minimumCalls;
            if (minimumCalls < 1 || minimumCalls > slidingWindow) {
                throw new IllegalArgumentException("plusoft.circuit-breaker.minimum-calls must be between 1 and plusoft.circuit-breaker.sliding-window ("
                        + slidingWindow + "), was " + minimumCalls);
            }
            waitInOpen = positive("plusoft.circuit-breaker.wait-in-open", waitInOpen, Duration.ofSeconds(30));
            halfOpenCalls = halfOpenCalls == null ? 2 : halfOpenCalls;
            if (halfOpenCalls < 1) {
                throw new IllegalArgumentException("plusoft.circuit-breaker.half-open-calls must be at least 1, was " + halfOpenCalls);
            }
        }

        public static CircuitBreaker defaults() {
            return new CircuitBreaker(null, null, null, null, null);
        }
    }

    /**
     * @param responseBodyLimit characters of Plusoft's response body kept in a dead letter's header (default 2000)
     * @param retention         how long {@code plusoft.<entidade>.dlq} keeps dead letters when the sink creates it (default 30d)
     */
    public record DeadLetter(Integer responseBodyLimit, Duration retention) {

        public DeadLetter {
            responseBodyLimit = responseBodyLimit == null ? 2000 : responseBodyLimit;
            if (responseBodyLimit < 0 || responseBodyLimit > 100_000) {
                throw new IllegalArgumentException("plusoft.dead-letter.response-body-limit must be between 0 and 100000, was "
                        + responseBodyLimit);
            }
            retention = retention == null ? Duration.ofDays(30) : retention;
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("plusoft.dead-letter.retention must be positive, was " + retention);
            }
        }

        public DeadLetter(Integer responseBodyLimit) {
            this(responseBodyLimit, null);
        }

        public static DeadLetter defaults() {
            return new DeadLetter(null, null);
        }
    }

    static URI httpUrl(String setting, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(setting + " must be an absolute http or https URL, was '" + uri + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(setting + " must not have a query or fragment, was '" + uri + "'");
        }
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    static Duration positive(String setting, Duration value, Duration fallback) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + d);
        }
        return d;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
