package br.com.cdcplusoft.resilience.receiver;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Plusoft identities as the simulator stores them ({@code 10}, composite {@code 123|10}). */
public final class Identities {

    private static final Map<String, List<String>> FIELDS = Map.of(
            "filiais", List.of("IDFILIAL"),
            "produtos", List.of("IDPRODUTO"),
            "clientes", List.of("IDPESSOA"),
            "vendas", List.of("IDCUPOM", "IDPRODUTO"));

    private Identities() {
    }

    public static String of(String entity, JsonNode record) {
        List<String> fields = FIELDS.getOrDefault(entity, List.of());
        StringBuilder id = new StringBuilder();
        for (String field : fields) {
            if (!id.isEmpty()) {
                id.append('|');
            }
            JsonNode v = record.get(field);
            id.append(v == null || v.isNull() ? "" : v.asString());
        }
        return id.toString();
    }

    /** FNV-1a, 64 bits: equal JSON text, equal fingerprint. */
    public static long fingerprint(String json) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < json.length(); i++) {
            h ^= json.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
