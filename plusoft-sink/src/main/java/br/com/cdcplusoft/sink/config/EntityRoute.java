package br.com.cdcplusoft.sink.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where and how one entity's payloads go ({@code plusoft.entities.<entidade>.*}). Bound as written;
 * {@link SinkProperties} resolves it with the entity's name, which fills the defaults and checks
 * every value with a message naming the entity.
 *
 * @param path            POST path of upserts, relative to plusoft.base-url (default {@code /<entidade>})
 * @param wrapper         when set, the body is {@code {"<wrapper>": [...]}} instead of a bare array
 * @param tombstoneAction skip (default), inactive or delete
 * @param deletePath      delete: path of the delete request (default: {@code path})
 * @param deleteMethod    delete: DELETE (default) or POST; the body is the array of identities
 * @param inactiveField   inactive: the flag field added to the identity (default FLGATIVA)
 * @param inactiveValue   inactive: its value (default 0); numbers and true/false are sent as JSON numbers/booleans
 */
public record EntityRoute(String path, String wrapper, TombstoneAction tombstoneAction, String deletePath,
                          String deleteMethod, String inactiveField, String inactiveValue) {

    public static final String DEFAULT_INACTIVE_FIELD = "FLGATIVA";
    public static final String DEFAULT_INACTIVE_VALUE = "0";

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)+/?");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public static EntityRoute defaults() {
        return new EntityRoute(null, null, null, null, null, null, null);
    }

    /** This route with its defaults filled in and every value checked. */
    public EntityRoute resolve(String entity) {
        String prefix = "plusoft.entities." + entity + ".";
        String p = path(prefix + "path", path == null || path.isBlank() ? "/" + entity : path.trim());
        String w = wrapper == null || wrapper.isBlank() ? null : wrapper.trim();
        if (w != null && !FIELD.matcher(w).matches()) {
            throw new IllegalArgumentException(prefix + "wrapper '" + w + "' must be a plain field name (letters, digits, '_')");
        }
        TombstoneAction action = tombstoneAction == null ? TombstoneAction.SKIP : tombstoneAction;
        String dp = path(prefix + "delete-path", deletePath == null || deletePath.isBlank() ? p : deletePath.trim());
        String dm = deleteMethod == null || deleteMethod.isBlank() ? "DELETE" : deleteMethod.trim().toUpperCase(Locale.ROOT);
        if (!dm.equals("DELETE") && !dm.equals("POST")) {
            throw new IllegalArgumentException(prefix + "delete-method must be DELETE or POST, was '" + deleteMethod + "'");
        }
        String field = inactiveField == null || inactiveField.isBlank() ? DEFAULT_INACTIVE_FIELD : inactiveField.trim();
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException(prefix + "inactive-field '" + field + "' must be a plain field name (letters, digits, '_')");
        }
        String value = inactiveValue == null || inactiveValue.isBlank() ? DEFAULT_INACTIVE_VALUE : inactiveValue.trim();
        return new EntityRoute(p, w, action, dp, dm, field, value);
    }

    private static String path(String setting, String value) {
        if (!PATH.matcher(value).matches()) {
            throw new IllegalArgumentException(setting + " '" + value + "' must start with '/' and contain only URL path characters");
        }
        return value;
    }
}
