package br.com.cdcplusoft.mapping;

/**
 * Why one field of one row cannot be mapped. The reason never quotes the value: rows carry
 * personal data, and reasons end up in logs and dead letters' summaries.
 */
final class FieldProblem extends RuntimeException {

    FieldProblem(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
