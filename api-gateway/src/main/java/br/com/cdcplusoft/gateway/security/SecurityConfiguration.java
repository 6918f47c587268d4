package br.com.cdcplusoft.gateway.security;

import br.com.cdcplusoft.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The two request filters: the per-client GET rate limit, then the API key on POST routes. Both
 * answer with problems themselves, before Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.RateLimit limit = properties.rateLimit();
        ClientRateLimiters limiters = new ClientRateLimiters(limit.requestsPerPeriod(), limit.period(), limit.maxClients());
        FilterRegistrationBean<RateLimitFilter> bean = new FilterRegistrationBean<>(
                new RateLimitFilter(limiters, limit.requestsPerPeriod(), limit.period(), meters));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(GatewayProperties properties, MeterRegistry meters) {
        if (!properties.security().hasApiKey()) {
            log.warn("GATEWAY_API_KEY (gateway.security.api-key) is not set: every POST route answers 401 until it is");
        }
        FilterRegistrationBean<ApiKeyFilter> bean = new FilterRegistrationBean<>(new ApiKeyFilter(properties.security().apiKey(), meters));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }
}
