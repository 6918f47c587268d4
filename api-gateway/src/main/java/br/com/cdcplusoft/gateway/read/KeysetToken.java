package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code apos} continuation of {@code proximo}: the key columns of a page's last row as JSON,
 * in unpadded base64url so that it travels in a query string untouched. Decoding checks that it
 * holds exactly the entity's key columns, each a number or a short string; anything else is a 400
 * naming {@code apos} (its content is never echoed: it is a key, possibly of a person).
 */
final class KeysetToken {

    private static final int MAX_LENGTH = 1024;

    private KeysetToken() {
    }

    static String encode(ObjectNode key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.mapper().writeValueAsBytes(key));
    }

    static ObjectNode decode(String token, EntityDefinition entity) {
        if (token.length() > MAX_LENGTH) {
            throw invalid(entity);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid(entity);
        }
        if (node == null || !node.isObject() || node.size() != entity.keyColumns().size()) {
            throw invalid(entity);
        }
        Set<String> names = new HashSet<>(node.propertyNames());
        if (!names.equals(Set.copyOf(entity.keyColumns()))) {
            throw invalid(entity);
        }
        for (String column : entity.keyColumns()) {
            JsonNode value = node.get(column);
            if (!(value.isNumber() || value.isString() && value.asString().length() <= 200)) {
                throw invalid(entity);
            }
        }
        return (ObjectNode) node;
    }

    private static RuntimeException invalid(EntityDefinition entity) {
        return Problems.badParameter("apos", "apos must be the continuation token of a proximo link of /" + entity.name()
                + " (the key columns " + String.join(", ", entity.keyColumns()) + " of the last row read)");
    }
}
