package br.com.cdcplusoft.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start-up as Spring Boot's short "APPLICATION FAILED TO START" report, not a stack trace. */
final class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis(
                cause.service() + " needs " + String.join(", ", cause.variables()) + ", and "
                        + (cause.variables().size() == 1 ? "it is" : "they are") + " not set. A service started on its own "
                        + "never falls back to the embedded demo parts.",
                "Set " + String.join(", ", cause.variables()) + " (see .env.example). " + RequiredSettings.DEMO_HINT,
                cause);
    }
}
