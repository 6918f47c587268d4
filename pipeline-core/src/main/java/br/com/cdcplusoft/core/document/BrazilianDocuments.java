package br.com.cdcplusoft.core.document;

/**
 * CPF and CNPJ rules: assembling Consinco's number + check-digit columns, and validating the
 * mod-11 check digits. Works on digit strings only; never logs its input.
 */
public final class BrazilianDocuments {

    private static final int[] CPF_WEIGHTS_1 = {10, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] CPF_WEIGHTS_2 = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] CNPJ_WEIGHTS_1 = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] CNPJ_WEIGHTS_2 = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private BrazilianDocuments() {
    }

    /** {@code LPAD(NROCGCCPF,9,'0') || LPAD(DIGCGCCPF,2,'0')}. */
    public static String cpf(long number, int checkDigits) {
        return pad(number, 9) + pad(checkDigits, 2);
    }

    /** {@code LPAD(NROCGCCPF,12,'0') || LPAD(DIGCGCCPF,2,'0')}. */
    public static String cnpj(long number, int checkDigits) {
        return pad(number, 12) + pad(checkDigits, 2);
    }

    public static boolean isValidCpf(String digits) {
        return digits != null && digits.length() == 11 && allDigits(digits) && !repeated(digits)
                && checkDigits(digits.substring(0, 9), CPF_WEIGHTS_1, CPF_WEIGHTS_2).equals(digits.substring(9));
    }

    public static boolean isValidCnpj(String digits) {
        return digits != null && digits.length() == 14 && allDigits(digits) && !repeated(digits)
                && checkDigits(digits.substring(0, 12), CNPJ_WEIGHTS_1, CNPJ_WEIGHTS_2).equals(digits.substring(12));
    }

    /** The two check digits of a 9-digit CPF base. */
    public static String cpfCheckDigits(String base9) {
        requireDigits(base9, 9, "CPF base");
        return checkDigits(base9, CPF_WEIGHTS_1, CPF_WEIGHTS_2);
    }

    /** The two check digits of a 12-digit CNPJ base. */
    public static String cnpjCheckDigits(String base12) {
        requireDigits(base12, 12, "CNPJ base");
        return checkDigits(base12, CNPJ_WEIGHTS_1, CNPJ_WEIGHTS_2);
    }

    private static String checkDigits(String base, int[] weights1, int[] weights2) {
        int first = mod11(base, weights1);
        int second = mod11(base + first, weights2);
        return "" + first + second;
    }

    private static int mod11(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    private static String pad(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("document numbers cannot be negative");
        }
        String s = Long.toString(value);
        if (s.length() > width) {
            throw new IllegalArgumentException("document part has " + s.length() + " digits, at most " + width + " allowed");
        }
        return "0".repeat(width - s.length()) + s;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean repeated(String s) {
        return s.chars().allMatch(c -> c == s.charAt(0));
    }

    private static void requireDigits(String s, int length, String what) {
        if (s == null || s.length() != length || !allDigits(s)) {
            throw new IllegalArgumentException(what + " must be " + length + " digits");
        }
    }
}
