package br.com.cdcplusoft.dev.simulator;

import br.com.cdcplusoft.core.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for Plusoft's "carga transacional" API: a real HTTP server on 127.0.0.1 (JDK
 * HttpServer) that keeps what it receives and can be told to misbehave. The sink posts to it when
 * PLUSOFT_BASE_URL is unset; tests, benchmarks and resilience suites use it as the receiver.
 *
 * <h2>Routes</h2>
 * <ul>
 *   <li>{@code POST /{entidade}[/...]}: body a JSON array of objects, or an object whose first array
 *       field holds them ({@code {"registros":[...]}}); upserts, stored by identity. 200 {@code {"recebidos":n}}.</li>
 *   <li>{@code DELETE /{entidade}[/...]} or {@code POST /{entidade}/.../exclusoes}: body the identities to delete.</li>
 *   <li>{@code GET /contagens}: counts per entity; {@code GET /{entidade}}: counts of one entity;
 *       {@code GET /{entidade}/{id}}: the last payload stored for an identity (composite identities
 *       joined with {@code |}).</li>
 *   <li>{@code POST /oauth/token}: OAuth2 client credentials token endpoint (see {@link #oauth2}).</li>
 * </ul>
 * A request whose Idempotency-Key was already accepted is answered 200 again without being applied,
 * and counted as replayed.
 *
 * <h2>Memory</h2>
 * Counts are exact; distinct identities are kept as 64-bit hashes; last payloads are kept for at
 * most {@link #maxStoredPayloads} identities per entity; accepted Idempotency-Keys for the last
 * 200000 requests; the request log for the last 10000.
 */
public final class PlusoftSimulator implements AutoCloseable {

    public static final int DEFAULT_PORT = 8099;
    public static final String COUNTS_PATH = "/contagens";
    public static final String TOKEN_PATH = "/oauth/token";

    private static final Logger log = LoggerFactory.getLogger(PlusoftSimulator.class);
    private static final Map<String, List<String>> DEFAULT_IDENTITIES = Map.of(
            "filiais", List.of("IDFILIAL"),
            "produtos", List.of("IDPRODUTO"),
            "clientes", List.of("IDPESSOA"),
            "vendas", List.of("IDCUPOM", "IDPRODUTO"));
    private static final int REQUEST_LOG_SIZE = 10_000;
    private static final int IDEMPOTENCY_KEYS_KEPT = 200_000;

    static {
        // without TCP_NODELAY the JDK server's small answers wait ~40 ms on delayed ACKs; read once,
        // when the JDK's server configuration class loads, so it is set before the first server
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final Map<String, EntityState> entities = new ConcurrentHashMap<>();
    private final Map<String, List<String>> identities = new ConcurrentHashMap<>(DEFAULT_IDENTITIES);
    private final Map<String, Boolean> acceptedKeys = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > IDEMPOTENCY_KEYS_KEPT;
                }
            });
    private final Deque<ReceivedRequest> requestLog = new ArrayDeque<>();
    private final Map<String, Instant> issuedTokens = new ConcurrentHashMap<>();
    private final AtomicLong tokensIssued = new AtomicLong();
    private volatile Consumer<ReceivedRequest> hook = r -> { };
    private volatile RequiredHeader requiredHeader;
    private volatile OAuthClient oauthClient;
    private volatile int maxStoredPayloads = 20_000;

    private PlusoftSimulator(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). */
    public static PlusoftSimulator start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "plusoft-simulator-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            PlusoftSimulator simulator = new PlusoftSimulator(server, executor);
            server.createContext("/", simulator::handle);
            server.setExecutor(executor);
            server.start();
            log.info("Plusoft simulator listening on {}", simulator.baseUri());
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Plusoft simulator on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** Runs a simulator until the process is stopped: {@code java ... PlusoftSimulator [port]}. */
    public static void main(String[] args) throws InterruptedException {
        PlusoftSimulator simulator = start(args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Fault injection knobs, changeable while requests flow. */
    public Faults faults() {
        return faults;
    }

    /** Answer 401 to POST/DELETE requests without this header value. */
    public PlusoftSimulator requireHeader(String name, String value) {
        this.requiredHeader = new RequiredHeader(name, value);
        return this;
    }

    /** Answer 401 to POST/DELETE requests without {@code Authorization: Bearer <token>}. */
    public PlusoftSimulator requireBearer(String token) {
        return requireHeader("Authorization", "Bearer " + token);
    }

    /**
     * Serve {@code POST /oauth/token} to this client (HTTP Basic or form credentials), issuing tokens
     * valid for {@code lifetime}, and answer 401 to POST/DELETE requests without a valid one.
     */
    public PlusoftSimulator oauth2(String clientId, String clientSecret, Duration lifetime) {
        this.oauthClient = new OAuthClient(clientId, clientSecret, lifetime);
        return this;
    }

    /** Makes every token issued so far invalid, as an authorization server rotating its keys would. */
    public PlusoftSimulator revokeTokens() {
        issuedTokens.clear();
        return this;
    }

    /** Fields that identify a record of an entity (defaults: the Plusoft layouts' ID fields; else every field starting with ID). */
    public PlusoftSimulator identity(String entity, String... fields) {
        identities.put(entity, List.of(fields));
        return this;
    }

    /** How many last payloads are kept per entity (default 20000); counts stay exact beyond it. */
    public PlusoftSimulator maxStoredPayloads(int max) {
        this.maxStoredPayloads = max;
        return this;
    }

    /** Called for every POST/DELETE, on the server thread, just before the answer is sent. */
    public PlusoftSimulator onRequest(Consumer<ReceivedRequest> hook) {
        this.hook = hook == null ? r -> { } : hook;
        return this;
    }

    public Map<String, Counts> counts() {
        Map<String, Counts> counts = new TreeMap<>();
        entities.forEach((name, state) -> counts.put(name, state.counts()));
        return counts;
    }

    public Counts counts(String entity) {
        EntityState state = entities.get(entity);
        return state == null ? Counts.NONE : state.counts();
    }

    /** The last payload received for an identity ({@code "10"}, or {@code "123|10"} for a composite one). */
    public Optional<JsonNode> payload(String entity, String id) {
        EntityState state = entities.get(entity);
        return state == null ? Optional.empty() : Optional.ofNullable(state.payloads.get(id)).map(PlusoftSimulator::read);
    }

    /**
     * Every last payload kept for an entity (up to {@link #maxStoredPayloads}), by identity; a
     * deleted identity is absent. What a receiver "ends with", for comparing two runs.
     */
    public Map<String, JsonNode> payloads(String entity) {
        EntityState state = entities.get(entity);
        Map<String, JsonNode> all = new TreeMap<>();
        if (state != null) {
            state.payloads.forEach((id, payload) -> all.put(id, read(payload)));
        }
        return all;
    }

    /** The last requests (POST/DELETE), oldest first. */
    public List<ReceivedRequest> requests() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    public long tokensIssued() {
        return tokensIssued.get();
    }

    /** Forgets everything received and resets the faults; authentication settings stay. */
    public void reset() {
        entities.clear();
        acceptedKeys.clear();
        synchronized (requestLog) {
            requestLog.clear();
        }
        faults.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Counts of one entity.
     *
     * @param requests  every POST/DELETE received, answered or failed
     * @param records   records applied (upserts), replays excluded
     * @param distinct  distinct identities ever upserted
     * @param deletes   identities deleted
     * @param replayed  requests answered from an Idempotency-Key already accepted
     * @param rejected  requests answered 400 (refused records or unreadable body)
     * @param failed    requests answered with an injected 5xx or 429
     */
    public record Counts(long requests, long records, long distinct, long deletes, long replayed, long rejected, long failed) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * One POST/DELETE as received.
     *
     * @param authorization the Authorization header as received (for tests of the credentials), or null
     * @param records       records in the body (0 when unreadable)
     * @param status        the answer
     */
    public record ReceivedRequest(Instant at, String method, String path, String entity, String idempotencyKey,
                                  String authorization, String contentType, int records, int status) {
        @Override
        public String toString() {
            return "ReceivedRequest[" + at + " " + method + " " + path + " records=" + records + " status=" + status + "]";
        }
    }

    /** Knobs for misbehaving. Percentages apply to each POST/DELETE independently. */
    public static final class Faults {
        private volatile double unavailablePercent;
        private volatile double tooManyRequestsPercent;
        private volatile Duration retryAfter = Duration.ofSeconds(1);
        private volatile boolean retryAfterOn503;
        private volatile Duration delay = Duration.ZERO;
        private volatile Predicate<JsonNode> reject;
        private final AtomicInteger failNext = new AtomicInteger();
        private volatile int failNextStatus = 503;
        private SplittableRandom random = new SplittableRandom();

        /** Answer this percentage of requests with 503. */
        public Faults unavailablePercent(double percent) {
            this.unavailablePercent = percent;
            return this;
        }

        /** Answer this percentage of requests with 429 and Retry-After. */
        public Faults tooManyRequestsPercent(double percent) {
            this.tooManyRequestsPercent = percent;
            return this;
        }

        /** Retry-After sent with 429 (and with 503 when {@link #retryAfterOn503}); whole seconds, rounded up. Default 1s. */
        public Faults retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        public Faults retryAfterOn503(boolean on) {
            this.retryAfterOn503 = on;
            return this;
        }

        /** Wait this long before answering each request (slow Plusoft). */
        public Faults delay(Duration delay) {
            this.delay = delay == null ? Duration.ZERO : delay;
            return this;
        }

        /** Answer 400 to any request holding a record that matches, listing the matching indices. */
        public Faults rejectWhen(Predicate<JsonNode> predicate) {
            this.reject = predicate;
            return this;
        }

        /** Answer the next {@code count} requests with {@code status} (e.g. 503, 429, 500). */
        public Faults failNext(int count, int status) {
            this.failNextStatus = status;
            this.failNext.set(count);
            return this;
        }

        /** Makes the percentages reproducible. */
        public synchronized Faults seed(long seed) {
            this.random = new SplittableRandom(seed);
            return this;
        }

        public Faults reset() {
            unavailablePercent = 0;
            tooManyRequestsPercent = 0;
            retryAfter = Duration.ofSeconds(1);
            retryAfterOn503 = false;
            delay = Duration.ZERO;
            reject = null;
            failNext.set(0);
            failNextStatus = 503;
            return this;
        }

        private synchronized double roll() {
            return random.nextDouble() * 100.0;
        }

        /** The status to fail this request with, or 0. */
        private int draw() {
            if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                return failNextStatus;
            }
            double roll = roll();
            if (roll < unavailablePercent) {
                return 503;
            }
            if (roll < unavailablePercent + tooManyRequestsPercent) {
                return 429;
            }
            return 0;
        }
    }

    private record RequiredHeader(String name, String value) {
    }

    private record OAuthClient(String clientId, String clientSecret, Duration lifetime) {
    }

    private static final class EntityState {
        final LongAdder requests = new LongAdder();
        final LongAdder records = new LongAdder();
        final LongAdder deletes = new LongAdder();
        final LongAdder replayed = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Set<Long> distinct = ConcurrentHashMap.newKeySet();
        final Map<String, String> payloads = new ConcurrentHashMap<>();

        Counts counts() {
            return new Counts(requests.sum(), records.sum(), distinct.size(), deletes.sum(), replayed.sum(), rejected.sum(),
                    failed.sum());
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            List<String> segments = segments(path);
            if (method.equals("POST") && path.equals(TOKEN_PATH)) {
                token(exchange);
            } else if (method.equals("GET")) {
                get(exchange, segments);
            } else if ((method.equals("POST") || method.equals("DELETE")) && !segments.isEmpty()) {
                write(exchange, method, path, segments);
            } else {
                respond(exchange, 405, error("metodo nao suportado"), null);
            }
        } catch (RuntimeException e) {
            log.warn("Plusoft simulator failed on a request: {}", e.getClass().getName());
        }
    }

    private void get(HttpExchange exchange, List<String> segments) throws IOException {
        if (segments.isEmpty()) {
            respond(exchange, 200, Json.mapper().valueToTree(Map.of("rotas", List.of(COUNTS_PATH, "/{entidade}", "/{entidade}/{id}"))), null);
        } else if (segments.size() == 1 && ("/" + segments.get(0)).equals(COUNTS_PATH)) {
            ObjectNode all = Json.mapper().createObjectNode();
            counts().forEach((name, counts) -> all.set(name, countsJson(counts)));
            respond(exchange, 200, all, null);
        } else if (segments.size() == 1) {
            respond(exchange, 200, countsJson(counts(segments.get(0))), null);
        } else {
            Optional<JsonNode> payload = payload(segments.get(0), URLDecoder.decode(segments.get(1), StandardCharsets.UTF_8));
            if (payload.isPresent()) {
                respond(exchange, 200, payload.get(), null);
            } else {
                respond(exchange, 404, error("registro nao encontrado"), null);
            }
        }
    }

    private void write(HttpExchange exchange, String method, String path, List<String> segments) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String entity = segments.get(0);
        boolean delete = method.equals("DELETE") || segments.get(segments.size() - 1).equals("exclusoes");
        EntityState state = entities.computeIfAbsent(entity, e -> new EntityState());
        state.requests.increment();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        List<JsonNode> records = parse(body);
        Answer answer = answer(exchange, entity, delete, state, key, records);
        ReceivedRequest received = new ReceivedRequest(Instant.now(), method, path, entity, key,
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                records == null ? 0 : records.size(), answer.status);
        synchronized (requestLog) {
            requestLog.addLast(received);
            if (requestLog.size() > REQUEST_LOG_SIZE) {
                requestLog.removeFirst();
            }
        }
        hook.accept(received);
        respond(exchange, answer.status, answer.body, answer.retryAfter);
    }

    private record Answer(int status, JsonNode body, Duration retryAfter) {
    }

    private Answer answer(HttpExchange exchange, String entity, boolean delete, EntityState state, String key,
                          List<JsonNode> records) {
        Duration delay = faults.delay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!authorized(exchange)) {
            return new Answer(401, error("credencial invalida"), null);
        }
        int fault = faults.draw();
        if (fault != 0) {
            state.failed.increment();
            boolean withRetryAfter = fault == 429 || (fault == 503 && faults.retryAfterOn503);
            return new Answer(fault, error(fault == 429 ? "limite de requisicoes" : "indisponivel"),
                    withRetryAfter ? faults.retryAfter : null);
        }
        if (records == null) {
            state.rejected.increment();
            return new Answer(400, error("corpo deve ser um array JSON de objetos"), null);
        }
        if (key != null && acceptedKeys.containsKey(key)) {
            state.replayed.increment();
            ObjectNode ok = Json.mapper().createObjectNode().put("recebidos", records.size()).put("repetida", true);
            return new Answer(200, ok, null);
        }
        Predicate<JsonNode> reject = faults.reject;
        if (reject != null) {
            ArrayNode refused = Json.mapper().createArrayNode();
            for (int i = 0; i < records.size(); i++) {
                if (reject.test(records.get(i))) {
                    refused.add(i);
                }
            }
            if (!refused.isEmpty()) {
                state.rejected.increment();
                ObjectNode body = error("registros rejeitados");
                body.set("indices", refused);
                return new Answer(400, body, null);
            }
        }
        for (JsonNode record : records) {
            String id = id(entity, record);
            if (delete) {
                state.payloads.remove(id);
                state.deletes.increment();
            } else {
                state.records.increment();
                state.distinct.add(hash64(id));
                if (state.payloads.size() < maxStoredPayloads || state.payloads.containsKey(id)) {
                    state.payloads.put(id, record.toString());
                }
            }
        }
        if (key != null) {
            acceptedKeys.put(key, Boolean.TRUE);
        }
        return new Answer(200, Json.mapper().createObjectNode().put("recebidos", records.size()), null);
    }

    private boolean authorized(HttpExchange exchange) {
        RequiredHeader required = requiredHeader;
        if (required != null && !required.value().equals(exchange.getRequestHeaders().getFirst(required.name()))) {
            return false;
        }
        if (oauthClient != null) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            Instant expires = issuedTokens.get(authorization.substring("Bearer ".length()));
            return expires != null && Instant.now().isBefore(expires);
        }
        return true;
    }

    private void token(HttpExchange exchange) throws IOException {
        OAuthClient client = oauthClient;
        String form;
        try (InputStream in = exchange.getRequestBody()) {
            form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        String id = params.get("client_id");
        String secret = params.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] decoded = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            if (decoded.length == 2) {
                id = URLDecoder.decode(decoded[0], StandardCharsets.UTF_8);
                secret = URLDecoder.decode(decoded[1], StandardCharsets.UTF_8);
            }
        }
        if (!"client_credentials".equals(params.get("grant_type"))) {
            respond(exchange, 400, Json.mapper().createObjectNode().put("error", "unsupported_grant_type"), null);
            return;
        }
        if (client != null && !(client.clientId().equals(id) && client.clientSecret().equals(secret))) {
            respond(exchange, 401, Json.mapper().createObjectNode().put("error", "invalid_client"), null);
            return;
        }
        Duration lifetime = client == null ? Duration.ofHours(1) : client.lifetime();
        String token = "sim-" + tokensIssued.incrementAndGet() + "-" + UUID.randomUUID();
        issuedTokens.put(token, Instant.now().plus(lifetime));
        for (Iterator<Map.Entry<String, Instant>> it = issuedTokens.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(Instant.now())) {
                it.remove();
            }
        }
        respond(exchange, 200, Json.mapper().createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", lifetime.toSeconds()), null);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The records of a body: a JSON array of objects, or an object whose first array field holds them; null when unreadable. */
    private static List<JsonNode> parse(byte[] body) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            return null;
        }
        if (json != null && json.isObject()) {
            JsonNode array = null;
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                if (field.getValue().isArray()) {
                    array = field.getValue();
                    break;
                }
            }
            json = array;
        }
        if (json == null || !json.isArray()) {
            return null;
        }
        List<JsonNode> records = new ArrayList<>(json.size());
        for (JsonNode record : json) {
            if (!record.isObject()) {
                return null;
            }
            records.add(record);
        }
        return records;
    }

    private String id(String entity, JsonNode record) {
        List<String> fields = identities.get(entity);
        List<String> values = new ArrayList<>();
        if (fields != null) {
            for (String field : fields) {
                JsonNode v = record.get(field);
                values.add(v == null || v.isNull() ? "" : v.asString());
            }
        } else {
            for (Map.Entry<String, JsonNode> field : record.properties()) {
                if (field.getKey().startsWith("ID")) {
                    values.add(field.getValue().asString());
                }
            }
        }
        return values.isEmpty() ? record.toString() : String.join("|", values);
    }

    private static long hash64(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
    }

    private static ObjectNode countsJson(Counts c) {
        return Json.mapper().createObjectNode()
                .put("requisicoes", c.requests())
                .put("registros", c.records())
                .put("distintos", c.distinct())
                .put("exclusoes", c.deletes())
                .put("repetidas", c.replayed())
                .put("rejeitadas", c.rejected())
                .put("falhas", c.failed());
    }

    private static ObjectNode error(String message) {
        return Json.mapper().createObjectNode().put("erro", message);
    }

    private static JsonNode read(String json) {
        return Json.mapper().readTree(json);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body, Duration retryAfter) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (retryAfter != null) {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
