package br.com.cdcplusoft.boot;

import java.util.List;

/** A service was started without variables it needs; the message names all of them. */
public final class MissingSettingsException extends IllegalStateException {

    private final String service;
    private final List<String> variables;

    public MissingSettingsException(String service, List<String> variables) {
        super(service + " cannot start: missing environment variable" + (variables.size() == 1 ? " " : "s ")
                + String.join(", ", variables) + ". " + RequiredSettings.DEMO_HINT);
        this.service = service;
        this.variables = List.copyOf(variables);
    }

    public String service() {
        return service;
    }

    public List<String> variables() {
        return variables;
    }
}
