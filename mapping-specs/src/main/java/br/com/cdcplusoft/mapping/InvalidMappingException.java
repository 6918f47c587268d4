package br.com.cdcplusoft.mapping;

import java.util.List;

/**
 * The mapping specs cannot be used; thrown at start-up. Each problem names the entity and, where
 * it concerns one, the field, e.g. {@code mapping 'produtos': field 'TXTDESCRICAORESUMIDA' reads
 * column 'DESCREDUZID' which VW_PLUSOFT_PRODUTO does not have}. The message lists them one a line.
 */
public final class InvalidMappingException extends IllegalStateException {

    private final List<String> problems;

    public InvalidMappingException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid mapping has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
