package br.com.cdcplusoft.sink.delivery;

/** Why a record went to {@code plusoft.<entidade>.dlq} (header {@code plusoft-dlq-reason}). */
public enum DeadLetterReason {
    /** Plusoft refused the record with a 4xx, isolated by bisection. */
    REJECTED,
    /** IO errors, timeouts, 408, 429 or 5xx went on past plusoft.retry.max-total. */
    RETRIES_EXHAUSTED,
    /** The record alone exceeds plusoft.batch.max-bytes. */
    TOO_LARGE,
    /** The value (or a tombstone's key) is not a JSON object. */
    INVALID_PAYLOAD,
    /** The sink failed on the record in a way it does not classify (a bug); Spring's error handler retried it first. */
    INTERNAL_ERROR
}
