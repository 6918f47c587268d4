package br.com.cdcplusoft.sink.sender;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The transport: one attempt of one request, through the rate limiter and the circuit breaker, with
 * Content-Type, Idempotency-Key and the credential. Classifies the answer; never retries (that is the
 * caller's policy) and never logs bodies or credentials.
 */
public final class PlusoftSender {

    private static final long WAIT_SLICE_MILLIS = 100;

    private final URI baseUrl;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Clock clock;

    public PlusoftSender(URI baseUrl, Duration requestTimeout, HttpClient client, Authenticator authenticator,
                         RateLimiter rateLimiter, CircuitBreaker circuitBreaker, Clock clock) {
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.client = client;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.circuitBreaker = circuitBreaker;
        this.clock = clock;
    }

    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * @param running false once the listener container is stopping: an in-flight request is then
     *                cancelled, because its records will be redelivered to the next consumer anyway
     */
    public SendResult send(PlusoftRequest request, BooleanSupplier running) throws StoppedException {
        if (!circuitBreaker.tryAcquirePermission()) {
            return SendResult.notPermitted();
        }
        boolean recorded = false;
        long started = System.nanoTime();
        try {
            if (!rateLimiter.acquirePermission()) {
                circuitBreaker.releasePermission();
                recorded = true;
                return SendResult.noAnswer("RateLimit: no permit within plusoft.rate-limit.max-wait", null);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new StoppedException("interrupted while waiting for a rate-limit permit");
            }
            Authenticator.Credential credential;
            try {
                credential = authenticator.credential();
            } catch (Authenticator.AuthenticationException e) {
                Duration latency = Duration.ofNanos(System.nanoTime() - started);
                circuitBreaker.onError(latency.toNanos(), TimeUnit.NANOSECONDS, e);
                recorded = true;
                return SendResult.noAnswer("Authentication: " + e.getMessage(), latency);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Idempotency-Key", request.idempotencyKey())
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
            if (credential != null) {
                builder.header(credential.header(), credential.value());
            }
            SendResult result = await(client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()), started, running);
            record(result);
            recorded = true;
            if (result.status() == 401) {
                authenticator.invalidate();
            }
            return result;
        } finally {
            if (!recorded) {
                circuitBreaker.releasePermission();
            }
        }
    }

    private SendResult await(CompletableFuture<HttpResponse<String>> future, long started, BooleanSupplier running)
            throws StoppedException {
        while (true) {
            try {
                HttpResponse<String> response = future.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                Duration retryAfter = response.headers().firstValue("Retry-After")
                        .flatMap(v -> RetryAfter.parse(v, clock)).orElse(null);
                return SendResult.answered(response.statusCode(), response.body(), retryAfter,
                        Duration.ofNanos(System.nanoTime() - started));
            } catch (TimeoutException stillWaiting) {
                if (!running.getAsBoolean()) {
                    future.cancel(true);
                    throw new StoppedException("stopping while a request was in flight");
                }
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new StoppedException("interrupted while a request was in flight");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String kind = cause instanceof HttpTimeoutException ? "Timeout"
                        : cause instanceof IOException ? "IOException" : cause.getClass().getSimpleName();
                return SendResult.noAnswer(kind + ": " + cause.getClass().getName(), Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    private void record(SendResult result) {
        long nanos = result.latency() == null ? 0 : result.latency().toNanos();
        if (result.status() == 429) {
            circuitBreaker.releasePermission();
        } else if (result.status() == 0 || ResponseClass.isFailure(result.status())) {
            circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, new PlusoftUnavailableException(result.statusLabel()));
        } else {
            circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Recorded by the circuit breaker for a failed call; carries only the status. */
    static final class PlusoftUnavailableException extends RuntimeException {
        PlusoftUnavailableException(String status) {
            super("Plusoft unavailable: " + status, null, false, false);
        }
    }
}
