package br.com.cdcplusoft.sink.delivery;

/**
 * Why one record is dead-lettered: the exception handed to the dead-letter recoverer, whose fields
 * become headers. Its message holds the reason and the status only, never payload data.
 *
 * @param status         Plusoft's last status (0 = none)
 * @param responseBody   Plusoft's last response body, truncated; may be null
 * @param attempts       requests made for the batch that held the record
 * @param idempotencyKey Idempotency-Key of the last request that held the record, or null
 */
public final class DeliveryFailure extends RuntimeException {

    private final DeadLetterReason reason;
    private final int status;
    private final String responseBody;
    private final int attempts;
    private final String idempotencyKey;

    public DeliveryFailure(DeadLetterReason reason, int status, String detail, String responseBody, int attempts,
                           String idempotencyKey) {
        super(reason + (status > 0 ? " (HTTP " + status + ")" : "") + (detail == null ? "" : ": " + detail), null, false, false);
        this.reason = reason;
        this.status = status;
        this.responseBody = responseBody;
        this.attempts = attempts;
        this.idempotencyKey = idempotencyKey;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    public int status() {
        return status;
    }

    public String responseBody() {
        return responseBody;
    }

    public int attempts() {
        return attempts;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
