package br.com.cdcplusoft.sink.kafka;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses consumption while Plusoft is down: the listener container is paused when the circuit
 * breaker opens and resumed when it lets probes through again (half-open, moved there by
 * Resilience4j's own timer after plusoft.circuit-breaker.wait-in-open) or closes. A paused consumer
 * keeps polling (without records), so it stays in its group.
 */
final class CircuitPauser {

    private static final Logger log = LoggerFactory.getLogger(CircuitPauser.class);

    private CircuitPauser() {
    }

    static void bind(CircuitBreaker breaker, MessageListenerContainer container) {
        breaker.getEventPublisher().onStateTransition(event -> onTransition(event, container));
    }

    private static void onTransition(CircuitBreakerOnStateTransitionEvent event, MessageListenerContainer container) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        switch (to) {
            case OPEN, FORCED_OPEN -> {
                log.warn("Plusoft circuit breaker {}: pausing consumption", event.getStateTransition());
                container.pause();
            }
            case HALF_OPEN, CLOSED, DISABLED, METRICS_ONLY -> {
                log.info("Plusoft circuit breaker {}: resuming consumption", event.getStateTransition());
                container.resume();
            }
        }
    }
}
