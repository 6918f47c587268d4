package br.com.cdcplusoft.sink.sender;

/**
 * What an answer from Plusoft means for the records in the request. The one place where status
 * codes are interpreted.
 */
public enum ResponseClass {
    /** 2xx: every record in the request was accepted. */
    ACCEPTED,
    /**
     * 4xx other than 401, 403, 408 and 429: some record in the request was refused. Not retried;
     * the request is bisected until the refused records are isolated.
     */
    REJECTED,
    /**
     * IO errors, timeouts, 408, 429, 5xx, and 401/403 (no record is at fault when credentials are
     * refused, so none is dead-lettered for it: the circuit breaker pauses instead), plus statuses
     * the sink does not expect (1xx, 3xx). Retried with back-off.
     */
    RETRYABLE;

    /** Status 0 stands for "no HTTP answer" (IO error or timeout). */
    public static ResponseClass of(int status) {
        if (status >= 200 && status < 300) {
            return ACCEPTED;
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429) {
            return REJECTED;
        }
        return RETRYABLE;
    }

    /**
     * Whether the answer says Plusoft is unwell, for the circuit breaker. A 429 does not: Plusoft is
     * up and asks to slow down, which Retry-After and the rate limiter handle.
     */
    public static boolean isFailure(int status) {
        return of(status) == RETRYABLE && status != 429;
    }
}
