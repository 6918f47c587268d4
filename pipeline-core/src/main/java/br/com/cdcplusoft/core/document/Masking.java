package br.com.cdcplusoft.core.document;

/**
 * Masks personal data (LGPD) for responses and logs: enough left to recognise a record, not to
 * identify a person. Null stays null.
 */
public final class Masking {

    private Masking() {
    }

    /**
     * {@code 12345678909} becomes {@code ***.***.***-09}, and a CNPJ likewise keeps its two check digits only: all
     * that is left (LGPD) is enough to tell two records apart in a list, not to find the person.
     */
    public static String document(String digits) {
        if (digits == null) {
            return null;
        }
        String d = digits.replaceAll("\\D", "");
        if (d.length() == 11) {
            return "***.***.***-" + d.substring(9);
        }
        if (d.length() == 14) {
            return "**.***.***/****-" + d.substring(12);
        }
        return d.length() <= 2 ? "***" : "*".repeat(d.length() - 2) + d.substring(d.length() - 2);
    }

    /** {@code maria.silva@example.com.br} becomes {@code m***@example.com.br}. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** Keeps the last two digits: {@code +5511987654321} becomes {@code +55*********21}. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String d = phone.replaceAll("\\D", "");
        if (d.length() <= 2) {
            return "***";
        }
        String prefix = phone.startsWith("+55") ? "+55" : "";
        int hidden = d.length() - 2 - (prefix.isEmpty() ? 0 : 2);
        return prefix + "*".repeat(Math.max(hidden, 1)) + d.substring(d.length() - 2);
    }
}
