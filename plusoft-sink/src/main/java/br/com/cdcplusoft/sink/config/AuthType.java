package br.com.cdcplusoft.sink.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the sink authenticates to Plusoft. */
public enum AuthType {
    /** {@code Authorization: Bearer <plusoft.auth.token>} (PLUSOFT_TOKEN). */
    BEARER("bearer"),
    /** One static header, {@code plusoft.auth.header-name: plusoft.auth.header-value}. */
    STATIC_HEADER("static-header"),
    /** OAuth2 client credentials: a token fetched from {@code plusoft.auth.token-url}, cached until shortly before it expires. */
    OAUTH2("oauth2");

    private final String setting;

    AuthType(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** Parses the configured spelling; the message lists the accepted ones. */
    public static AuthType parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.setting.equals(normalized)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plusoft.auth.type '" + value + "' is not one of "
                        + Arrays.stream(values()).map(AuthType::setting).collect(Collectors.joining(", "))));
    }
}
