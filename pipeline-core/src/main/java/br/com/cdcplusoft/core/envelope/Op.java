package br.com.cdcplusoft.core.envelope;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Debezium's operation codes. {@code MESSAGE} marks a control event such as the end of a snapshot run. */
public enum Op {
    READ("r"), CREATE("c"), UPDATE("u"), DELETE("d"), TRUNCATE("t"), MESSAGE("m");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Op ofCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown change op '" + code + "'; expected one of r, c, u, d, t, m");
    }
}
