package br.com.cdcplusoft.sink.sender;

/** The container is stopping (or the thread was interrupted) while a request or a wait was in progress. */
public final class StoppedException extends Exception {

    public StoppedException(String message) {
        super(message, null, false, false);
    }
}
