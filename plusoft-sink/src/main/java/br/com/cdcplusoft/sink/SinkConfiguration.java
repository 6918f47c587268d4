package br.com.cdcplusoft.sink;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.sink.config.SinkProperties;
import br.com.cdcplusoft.sink.config.SinkSettings;
import br.com.cdcplusoft.sink.delivery.BatchDelivery;
import br.com.cdcplusoft.sink.delivery.DeadLetterPublisher;
import br.com.cdcplusoft.sink.delivery.Pacer;
import br.com.cdcplusoft.sink.delivery.RetryPolicy;
import br.com.cdcplusoft.sink.delivery.SinkMetrics;
import br.com.cdcplusoft.sink.sender.Authenticator;
import br.com.cdcplusoft.sink.sender.PlusoftSender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The HTTP side: Plusoft's address, credentials, rate limiter, circuit breaker, delivery. */
@Configuration(proxyBeanMethods = false)
class SinkConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SinkConfiguration.class);

    @Bean
    SinkSettings sinkSettings(SinkProperties plusoft, EntityCatalog catalog, TopicCatalog topics) {
        SinkSettings settings = SinkSettings.of(plusoft, catalog, topics);
        log.info("plusoft-sink: entities {}, {}", settings.entityNames(), plusoft);
        return settings;
    }

    @Bean
    Clock sinkClock() {
        return Clock.systemUTC();
    }

    @Bean
    SinkMetrics sinkMetrics(MeterRegistry registry) {
        return new SinkMetrics(registry);
    }

    @Bean
    CircuitBreaker plusoftCircuitBreaker(SinkSettings settings, MeterRegistry registry) {
        SinkProperties.CircuitBreaker cb = settings.plusoft().circuitBreaker();
        CircuitBreaker breaker = CircuitBreaker.of("plusoft", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cb.slidingWindow())
                .minimumNumberOfCalls(cb.minimumCalls())
                .failureRateThreshold(cb.failureRateThreshold())
                .waitDurationInOpenState(cb.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(cb.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .writableStackTraceEnabled(false)
                .build());
        Gauge.builder("plusoft.sink.circuit.open", breaker, b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the Plusoft circuit breaker is open (consumption paused)").register(registry);
        return breaker;
    }

    @Bean
    RateLimiter plusoftRateLimiter(SinkSettings settings) {
        SinkProperties.RateLimit rl = settings.plusoft().rateLimit();
        return RateLimiter.of("plusoft", RateLimiterConfig.custom()
                .limitForPeriod(rl.limitForPeriod())
                .limitRefreshPeriod(rl.period())
                .timeoutDuration(rl.maxWait())
                .build());
    }

    @Bean
    PlusoftSender plusoftSender(SinkSettings settings, CircuitBreaker breaker,
                                RateLimiter limiter, Clock clock) {
        SinkProperties plusoft = settings.plusoft();
        URI baseUrl = plusoft.baseUrl();
        if (baseUrl == null) {
            // RequiredSettings stops a started service before this; a context built otherwise must fail too
            throw new IllegalStateException("plusoft.base-url (PLUSOFT_BASE_URL) is not set");
        }
        HttpClient client = PlusoftSender.httpClient(plusoft.http().connectTimeout());
        Authenticator authenticator = Authenticator.of(plusoft.auth(), client, plusoft.http().requestTimeout(), clock);
        return new PlusoftSender(baseUrl, plusoft.http().requestTimeout(), client, authenticator, limiter, breaker, clock);
    }

    @Bean
    BatchDelivery batchDelivery(SinkSettings settings, PlusoftSender sender, DeadLetterPublisher deadLetters,
                                SinkMetrics metrics, Clock clock, ObjectProvider<Pacer> pacer) {
        RetryPolicy policy = new RetryPolicy(settings.plusoft().retry(), () -> ThreadLocalRandom.current().nextDouble());
        return new BatchDelivery(sender, policy, pacer.getIfAvailable(Pacer::sleeping), deadLetters, metrics,
                settings.plusoft().deadLetter().responseBodyLimit(), clock);
    }

    /** plusoft.base-url unset or blank (PLUSOFT_BASE_URL not given). */
    static final class NoPlusoftUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("plusoft.base-url");
            return url == null || url.isBlank();
        }
    }
}
