package br.com.cdcplusoft.sink.sender;

import java.time.Duration;

/**
 * What became of one attempt.
 *
 * @param outcome    ACCEPTED, REJECTED, RETRYABLE; or NOT_PERMITTED when the circuit breaker is open
 *                   and nothing was sent
 * @param status     HTTP status, 0 when there was no HTTP answer
 * @param body       the response body (may carry what Plusoft refused; never logged)
 * @param retryAfter the server's Retry-After, or null
 * @param latency    time spent on the request, null when nothing was sent
 * @param failure    for an attempt without an answer: the error class and message (no payload data)
 */
public record SendResult(Outcome outcome, int status, String body, Duration retryAfter, Duration latency, String failure) {

    public enum Outcome {
        ACCEPTED, REJECTED, RETRYABLE, NOT_PERMITTED
    }

    public static SendResult answered(int status, String body, Duration retryAfter, Duration latency) {
        Outcome outcome = switch (ResponseClass.of(status)) {
            case ACCEPTED -> Outcome.ACCEPTED;
            case REJECTED -> Outcome.REJECTED;
            case RETRYABLE -> Outcome.RETRYABLE;
        };
        return new SendResult(outcome, status, body, retryAfter, latency, null);
    }

    public static SendResult noAnswer(String failure, Duration latency) {
        return new SendResult(Outcome.RETRYABLE, 0, null, null, latency, failure);
    }

    public static SendResult notPermitted() {
        return new SendResult(Outcome.NOT_PERMITTED, 0, null, null, null, "circuit breaker open");
    }

    /** Status code or failure kind, for metrics tags and logs. */
    public String statusLabel() {
        return status > 0 ? Integer.toString(status) : failure == null ? "none" : failure.split(":", 2)[0];
    }
}
