package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.core.document.Masking;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks personal data (LGPD) in what the read routes return, by column or field name, so the
 * same rule covers every entity that carries the data (clientes, and the buyer's document on
 * vendas). Masked values keep what lets an operator recognise a record, as {@link Masking} does:
 * <ul>
 *   <li>view rows: {@code NROCGCCPF} becomes the masked whole document ({@code ***.***.***-09}) and
 *       {@code DIGCGCCPF} becomes {@code **}; {@code EMAIL}; phone numbers {@code FONENRO*} (the
 *       area codes {@code FONEDDD*} stay);</li>
 *   <li>Plusoft payloads and keys: {@code IDPESSOA}, {@code TXTEMAIL}, {@code NUMCEL*}, {@code NUMTEL*}.</li>
 * </ul>
 * Inputs are never modified; a masked copy is returned.
 */
final class PersonalDataMasker {

    private PersonalDataMasker() {
    }

    static ObjectNode maskSourceRow(ObjectNode row) {
        if (row == null) {
            return null;
        }
        ObjectNode masked = row.deepCopy();
        if (present(row, "NROCGCCPF")) {
            masked.put("NROCGCCPF", Masking.document(document(row)));
            if (row.has("DIGCGCCPF")) {
                masked.put("DIGCGCCPF", "**");
            }
        }
        if (present(row, "EMAIL")) {
            masked.put("EMAIL", Masking.email(row.get("EMAIL").asString()));
        }
        for (String name : names(row)) {
            if (name.startsWith("FONENRO") && present(row, name)) {
                masked.put(name, Masking.phone(row.get(name).asString()));
            }
        }
        return masked;
    }

    static ObjectNode maskPayload(ObjectNode payload) {
        if (payload == null) {
            return null;
        }
        ObjectNode masked = payload.deepCopy();
        for (String name : names(payload)) {
            if (!present(payload, name)) {
                continue;
            }
            String value = payload.get(name).asString();
            if (name.equals("IDPESSOA")) {
                masked.put(name, Masking.document(value));
            } else if (name.equals("TXTEMAIL")) {
                masked.put(name, Masking.email(value));
            } else if (name.startsWith("NUMCEL") || name.startsWith("NUMTEL")) {
                masked.put(name, Masking.phone(value));
            }
        }
        return masked;
    }

    /** The CPF (11 digits) or CNPJ (14 digits) of a row, padded as Consinco splits it. */
    private static String document(ObjectNode row) {
        String base = row.get("NROCGCCPF").asString().replaceAll("\\D", "");
        String digits = present(row, "DIGCGCCPF") ? row.get("DIGCGCCPF").asString().replaceAll("\\D", "") : "";
        String kind = present(row, "FISICAJURIDICA") ? row.get("FISICAJURIDICA").asString() : (base.length() <= 9 ? "F" : "J");
        int width = "J".equalsIgnoreCase(kind.strip()) ? 12 : 9;
        return pad(base, width) + pad(digits, 2);
    }

    private static String pad(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private static List<String> names(ObjectNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
