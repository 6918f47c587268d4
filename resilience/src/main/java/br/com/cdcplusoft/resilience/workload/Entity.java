package br.com.cdcplusoft.resilience.workload;

import br.com.cdcplusoft.core.document.BrazilianDocuments;
import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The three entities the suite writes, each row carrying the sequence number of its last change in
 * a field the mapper passes through to Plusoft, so the receiver's copy tells which version it holds:
 * produtos in the description, clientes in the name, vendas in the item value (cents).
 */
public enum Entity {
    PRODUTOS("produtos"), CLIENTES("clientes"), VENDAS("vendas");

    /** First source key of the suite's rows: far above the demo seed's. */
    public static final long FIRST_ID = 1_000_000;

    private final String route;

    Entity(String route) {
        this.route = route;
    }

    public String route() {
        return route;
    }

    /** The Plusoft identity of row {@code n} as the receiver stores it. */
    public String plusoftId(long n) {
        return switch (this) {
            case PRODUTOS -> Long.toString(FIRST_ID + n);
            case CLIENTES -> cpf(n);
            case VENDAS -> (FIRST_ID + n) + "|" + VENDA_PRODUTO;
        };
    }

    /** The single product of every sale line the suite writes. */
    static final long VENDA_PRODUTO = 7;

    public static String description(long n, long seq) {
        return "RESIL P" + (FIRST_ID + n) + " S" + seq;
    }

    public static String name(long n, long seq) {
        return "CLIENTE " + (FIRST_ID + n) + " S" + seq;
    }

    /** The item value of a sale line at version {@code seq}: seq cents, quantity 1. */
    public static BigDecimal value(long seq) {
        return BigDecimal.valueOf(seq, 2);
    }

    /** The sequence number a received payload carries, if it is one of the suite's. */
    public Optional<Long> sequenceOf(JsonNode payload) {
        if (payload == null) {
            return Optional.empty();
        }
        return switch (this) {
            case PRODUTOS -> suffix(payload.path("TXTDESCRICAOCOMPLETA").asString(""));
            case CLIENTES -> suffix(payload.path("TXTNOMECOMPLETO").asString(""));
            case VENDAS -> {
                JsonNode v = payload.get("VLRPRECOVENDAUNITARIO");
                if (v == null || !v.isNumber()) {
                    yield Optional.empty();
                }
                try {
                    yield Optional.of(v.decimalValue().movePointRight(2).longValueExact());
                } catch (ArithmeticException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    private static Optional<Long> suffix(String text) {
        int s = text.lastIndexOf(" S");
        if (s < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.substring(s + 2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A synthetic CPF with valid check digits, distinct per row (7919 is prime to 10^9). */
    public static String cpf(long n) {
        String base = String.format("%09d", (123_456_789L + n * 7_919L) % 1_000_000_000L);
        return base + BrazilianDocuments.cpfCheckDigits(base);
    }

    public static String email(long n) {
        return "cliente" + (FIRST_ID + n) + "@exemplo.com.br";
    }

    /** Mobile number (9 digits, starting with 9) of DDD 11. */
    public static long mobile(long n) {
        return 900_000_000L + n % 99_999_999L;
    }

    /** Landline number (8 digits, starting with 3) of DDD 11. */
    public static long landline(long n) {
        return 30_000_000L + n % 9_999_999L;
    }
}
