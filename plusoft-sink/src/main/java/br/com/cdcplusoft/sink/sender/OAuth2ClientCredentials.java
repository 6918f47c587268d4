package br.com.cdcplusoft.sink.sender;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.sink.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OAuth2 client credentials grant (RFC 6749 section 4.4) with the client authenticated by HTTP
 * Basic. The token is cached and shared by every consumer thread; it is renewed when it is within
 * {@code refreshBeforeExpiry} of expiring, or after Plusoft answered 401.
 */
final class OAuth2ClientCredentials implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(OAuth2ClientCredentials.class);
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final String scope;
    private final Duration refreshBeforeExpiry;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    private Credential cached;
    private Instant renewAt = Instant.MIN;

    OAuth2ClientCredentials(URI tokenUrl, String clientId, Secret clientSecret, String scope, Duration refreshBeforeExpiry,
                            HttpClient client, Duration requestTimeout, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.refreshBeforeExpiry = refreshBeforeExpiry;
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    @Override
    public synchronized Credential credential() throws AuthenticationException {
        if (cached == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return cached;
    }

    @Override
    public synchronized void invalidate() {
        cached = null;
    }

    private void fetch() throws AuthenticationException {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", Authenticator.basic(URLEncoder.encode(clientId, StandardCharsets.UTF_8),
                        URLEncoder.encode(clientSecret.reveal(), StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthenticationException("token endpoint unreachable: " + e.getClass().getSimpleName(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted while fetching a token", 0);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException("token endpoint answered " + response.statusCode(), response.statusCode());
        }
        try {
            JsonNode json = Json.mapper().readTree(response.body());
            JsonNode token = json.get("access_token");
            if (token == null || !token.isString() || token.asString().isBlank()) {
                throw new AuthenticationException("token endpoint answered without access_token", response.statusCode());
            }
            JsonNode expiresIn = json.get("expires_in");
            Duration lifetime = expiresIn != null && expiresIn.canConvertToLong()
                    ? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
            // a short-lived token is renewed at half its life rather than never being used
            Duration margin = refreshBeforeExpiry.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshBeforeExpiry;
            cached = new Credential("Authorization", "Bearer " + token.asString());
            renewAt = clock.instant().plus(lifetime).minus(margin);
            log.info("OAuth2 token obtained, valid for {}s", lifetime.toSeconds());
        } catch (JacksonException e) {
            throw new AuthenticationException("token endpoint answered invalid JSON", response.statusCode());
        }
    }
}
