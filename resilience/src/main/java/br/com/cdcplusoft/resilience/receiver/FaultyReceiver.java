package br.com.cdcplusoft.resilience.receiver;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The fault-injecting Plusoft the sink delivers to: plusoft-sink's {@link PlusoftSimulator} (a real
 * JDK HTTP server that stores payloads by identity, answers injected 503 and 429 with Retry-After,
 * 400 for records a predicate refuses, and 200 without applying for an Idempotency-Key it already
 * accepted), behind a recording front on the port the sink is given. The front
 * <ul>
 *   <li>forwards each request unchanged (method, path, body, Content-Type, Authorization, Idempotency-Key);</li>
 *   <li>answers a share of them only after {@code slowDelay}, longer than the sink's request timeout, so the
 *       sink sees a timeout for a request Plusoft did apply: the case only an Idempotency-Key can make safe;</li>
 *   <li>records every request with its records' identities and fingerprints ({@link Delivery}).</li>
 * </ul>
 */
public final class FaultyReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultyReceiver.class);

    /** Fault rates of the suite: 10% 503, 5% 429 (Retry-After 1 s), 2% answered past the client timeout. */
    public record Faults(double unavailablePercent, double tooManyRequestsPercent, Duration retryAfter, double slowPercent,
                         Duration slowDelay, long seed) {
    }

    private final PlusoftSimulator simulator;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "receiver-slow"));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    /** phase|entity|id -> the highest workload sequence number accepted in that phase. */
    private final Map<String, Long> accepted = new java.util.concurrent.ConcurrentHashMap<>();
    /** phase|entity|id|sequence -> when the receiver first accepted that version of the row (for resume times). */
    private final Map<String, Instant> acceptedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Faults faults;
    private SplittableRandom random;
    private volatile String phase = "load";
    private volatile boolean faultsOn;

    private FaultyReceiver(PlusoftSimulator simulator, HttpServer server, ExecutorService workers, Faults faults) {
        this.simulator = simulator;
        this.server = server;
        this.workers = workers;
        this.faults = faults;
        this.random = new SplittableRandom(faults.seed());
    }

    /**
     * @param token the bearer token the sink must send; anything else is answered 401
     */
    public static FaultyReceiver start(int simulatorPort, int port, String token, Faults faults) {
        PlusoftSimulator simulator = PlusoftSimulator.start(simulatorPort).requireBearer(token).maxStoredPayloads(1_000_000);
        simulator.faults().seed(faults.seed()).retryAfter(faults.retryAfter());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            ExecutorService workers = Executors.newFixedThreadPool(32, r -> daemon(r, "receiver"));
            FaultyReceiver receiver = new FaultyReceiver(simulator, server, workers, faults);
            server.createContext("/", receiver::handle);
            server.setExecutor(workers);
            server.start();
            log.info("Fault-injecting Plusoft receiver on 127.0.0.1:{} in front of the simulator on {}", port, simulator.baseUri());
            return receiver;
        } catch (IOException e) {
            simulator.close();
            throw new UncheckedIOException("cannot start the receiver on 127.0.0.1:" + port, e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Turns the fault rates on or off (the simulator's and the slow answers). */
    public FaultyReceiver faultsOn(boolean on) {
        this.faultsOn = on;
        simulator.faults().unavailablePercent(on ? faults.unavailablePercent() : 0)
                .tooManyRequestsPercent(on ? faults.tooManyRequestsPercent() : 0);
        return this;
    }

    /** Records matching {@code predicate} are refused with 400 (null: none). */
    public FaultyReceiver rejectWhen(Predicate<JsonNode> predicate) {
        simulator.faults().rejectWhen(predicate);
        return this;
    }

    /** Marks the deliveries that follow (load, redrive, replay, resync). */
    public void phase(String phase) {
        this.phase = phase;
    }

    public PlusoftSimulator simulator() {
        return simulator;
    }

    public Optional<JsonNode> payload(String entity, String id) {
        return simulator.payload(entity, id);
    }

    /** The highest sequence number of the row accepted during {@code phase}, if any (cheap: no parsing). */
    public Optional<Long> acceptedSequence(String phase, String entity, String id) {
        return Optional.ofNullable(accepted.get(phase + "|" + entity + "|" + id));
    }

    /** When the receiver first accepted version {@code sequence} of the row during {@code phase}, if it did. */
    public Optional<Instant> acceptedAt(String phase, String entity, String id, long sequence) {
        return Optional.ofNullable(acceptedAt.get(phase + "|" + entity + "|" + id + "|" + sequence));
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    private void handle(HttpExchange exchange) {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Authorization", "Idempotency-Key", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean write = method.equals("POST") || method.equals("DELETE");
            boolean slow = write && faultsOn && roll() < faults.slowPercent();
            if (write) {
                record(exchange, method, path, body, answer, slow);
            }
            if (slow) {
                delayed.schedule(() -> respond(exchange, answer), faults.slowDelay().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                respond(exchange, answer);
            }
        } catch (IOException e) {
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException e) {
            log.warn("Receiver failed on a request: {}", e.getClass().getName());
            exchange.close();
        }
    }

    private synchronized double roll() {
        return random.nextDouble() * 100.0;
    }

    private void record(HttpExchange exchange, String method, String path, byte[] body, HttpResponse<byte[]> answer, boolean slow) {
        String[] segments = path.replaceFirst("^/", "").split("/");
        String entity = segments.length == 0 ? "" : segments[0];
        boolean replayed = false;
        if (answer.statusCode() == 200) {
            try {
                JsonNode json = Json.mapper().readTree(answer.body());
                replayed = json != null && json.path("repetida").asBoolean(false);
            } catch (JacksonException ignored) {
                // not the simulator's JSON: not a replay
            }
        }
        String current = phase;
        Delivery delivery = new Delivery(sequence.incrementAndGet(), current, method, entity,
                exchange.getRequestHeaders().getFirst("Idempotency-Key"), answer.statusCode(), replayed, slow, items(entity, body));
        deliveries.add(delivery);
        if (delivery.accepted()) {
            Instant now = Instant.now();
            for (Delivery.Item item : delivery.records()) {
                if (item.sequence() != null) {
                    accepted.merge(current + "|" + entity + "|" + item.id(), item.sequence(), Math::max);
                    acceptedAt.putIfAbsent(current + "|" + entity + "|" + item.id() + "|" + item.sequence(), now);
                }
            }
        }
    }

    private static List<Delivery.Item> items(String entity, byte[] body) {
        List<Delivery.Item> items = new ArrayList<>();
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json != null && json.isObject()) {
                for (Map.Entry<String, JsonNode> field : json.properties()) {
                    if (field.getValue().isArray()) {
                        json = field.getValue();
                        break;
                    }
                }
            }
            java.util.Optional<br.com.cdcplusoft.resilience.workload.Entity> known = java.util.Arrays.stream(
                    br.com.cdcplusoft.resilience.workload.Entity.values()).filter(e -> e.route().equals(entity)).findFirst();
            if (json != null && json.isArray()) {
                for (JsonNode record : json) {
                    items.add(new Delivery.Item(Identities.of(entity, record), Identities.fingerprint(record.toString()),
                            known.flatMap(e -> e.sequenceOf(record)).orElse(null)));
                }
            }
        } catch (JacksonException ignored) {
            // an unreadable body holds no records
        }
        return items;
    }

    private static void respond(HttpExchange exchange, HttpResponse<byte[]> answer) {
        try (exchange) {
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            answer.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up (timeout): exactly what a slow answer is for
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        delayed.shutdownNow();
        simulator.close();
    }
}
