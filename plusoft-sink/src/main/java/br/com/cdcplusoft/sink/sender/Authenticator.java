package br.com.cdcplusoft.sink.sender;

import br.com.cdcplusoft.sink.config.SinkProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/** Adds credentials to a request. Implementations never log or print what they add. */
public interface Authenticator {

    /** The header to add, or null for none. */
    Credential credential() throws AuthenticationException;

    /** Plusoft answered 401: forget a cached credential so that the next attempt gets a fresh one. */
    default void invalidate() {
    }

    record Credential(String header, String value) {
        @Override
        public String toString() {
            return "Credential[" + header + ": ******]";
        }
    }

    /** The credential could not be obtained (token endpoint down or refusing the client). */
    final class AuthenticationException extends Exception {
        private final int status;

        public AuthenticationException(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }

        /** The token endpoint's status, 0 when it did not answer. */
        public int status() {
            return status;
        }
    }

    static Authenticator of(SinkProperties.Auth auth, HttpClient client, Duration requestTimeout, Clock clock) {
        return switch (auth.type()) {
            case BEARER -> {
                Credential c = auth.token().isPresent() ? new Credential("Authorization", "Bearer " + auth.token().reveal()) : null;
                yield () -> c;
            }
            case STATIC_HEADER -> {
                Credential c = new Credential(auth.headerName(), auth.headerValue().reveal());
                yield () -> c;
            }
            case OAUTH2 -> new OAuth2ClientCredentials(auth.tokenUrl(), auth.clientId(), auth.clientSecret(), auth.scope(),
                    auth.refreshBeforeExpiry(), client, requestTimeout, clock);
        };
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
