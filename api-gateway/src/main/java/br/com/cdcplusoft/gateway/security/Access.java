package br.com.cdcplusoft.gateway.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the caller's {@code X-API-Key} opens: nothing, the reads of personal data, or everything.
 * {@link ApiKeyFilter} stores it on the request; controllers that show more to a caller with a key
 * (a run's error details) ask {@link #of(HttpServletRequest)}.
 */
public enum Access {
    /** no key sent: the open routes only */
    NONE,
    /** the read key ({@code GATEWAY_READ_API_KEY}) */
    READ,
    /** the admin key ({@code GATEWAY_API_KEY}): every route */
    ADMIN;

    static final String ATTRIBUTE = Access.class.getName();

    public boolean atLeast(Access required) {
        return compareTo(required) >= 0;
    }

    /** The access {@link ApiKeyFilter} found for this request; {@link #NONE} when it did not run. */
    public static Access of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Access access ? access : NONE;
    }
}
