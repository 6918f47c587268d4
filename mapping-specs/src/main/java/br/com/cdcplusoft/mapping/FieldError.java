package br.com.cdcplusoft.mapping;

import java.util.Objects;

/**
 * Why one Plusoft field of a row could not be mapped.
 *
 * @param field  the Plusoft field name, e.g. {@code IDPESSOA}
 * @param reason what is wrong, phrased after the field name ("is not a valid CPF ...") and never
 *               quoting the value, so that it can be logged
 */
public record FieldError(String field, String reason) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + " " + reason;
    }
}
