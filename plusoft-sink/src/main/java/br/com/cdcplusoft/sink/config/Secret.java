package br.com.cdcplusoft.sink.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential read from configuration. It never prints: {@link #toString()} is a fixed mask, so a
 * config record, an exception message or a log line that mentions it cannot leak the value.
 * Bound from a plain string by Spring's converters through {@link #of(String)}.
 */
public final class Secret {

    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isBlank() ? EMPTY : new Secret(value.trim());
    }

    public static Secret empty() {
        return EMPTY;
    }

    /** The clear value, for the one place that puts it on the wire. */
    public String reveal() {
        return value;
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isPresent() ? "******" : "<unset>";
    }
}
