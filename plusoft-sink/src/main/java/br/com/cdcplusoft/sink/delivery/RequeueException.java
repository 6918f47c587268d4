package br.com.cdcplusoft.sink.delivery;

import br.com.cdcplusoft.sink.converter.Entry;

/**
 * The records from {@link #from()} on must be consumed again later, neither delivered nor
 * dead-lettered: the circuit breaker is open, the container is stopping, the poll ran out of time or
 * a dead letter could not be written. The error handler commits what came before and seeks back to
 * this record. It has no cause on purpose: Spring's error handler chooses its back-off by the root
 * cause, which must be this class.
 */
public final class RequeueException extends RuntimeException {

    private final transient Entry from;

    public RequeueException(String message, Entry from) {
        super(message + " at " + from.coordinates(), null, false, false);
        this.from = from;
    }

    public Entry from() {
        return from;
    }
}
