package br.com.cdcplusoft.gateway.security;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The request filters and the key check of each route: the per-client rate limit, then the API
 * key (which key the request carries; a wrong key and the POST routes answered right there), then,
 * once Spring MVC chose the route, its {@link RequiresKey}. All answer with problems themselves.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.RateLimit limit = properties.rateLimit();
        ClientRateLimiters limiters = new ClientRateLimiters(limit.requestsPerPeriod(), limit.period(), limit.maxClients());
        FilterRegistrationBean<RateLimitFilter> bean = new FilterRegistrationBean<>(new RateLimitFilter(limiters,
                new ClientAddress(properties.security().trustedProxies()), limit.requestsPerPeriod(), limit.period(), meters));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.Security security = properties.security();
        if (!security.hasApiKey()) {
            log.warn("GATEWAY_API_KEY (gateway.security.api-key) is not set: every POST route answers 401 until it is");
        }
        if (!security.hasReadApiKey()) {
            log.warn("GATEWAY_READ_API_KEY (gateway.security.read-api-key) is not set: only the admin key reads {}",
                    "the routes that show personal data");
        }
        FilterRegistrationBean<ApiKeyFilter> bean = new FilterRegistrationBean<>(
                new ApiKeyFilter(security.apiKey(), security.readApiKey(), meters));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }

    @Bean
    WebMvcConfigurer keyRequirements(GatewayProperties properties, EntityCatalog catalog, MeterRegistry meters) {
        List<String> open = properties.security().openEntities();
        for (String entity : open) {
            if (catalog.find(entity).isEmpty()) {
                throw new IllegalArgumentException("gateway.security.open-entities names '" + entity
                        + "', which is not an entity of the catalog; known entities: " + String.join(", ", catalog.names()));
            }
        }
        KeyRequirementInterceptor interceptor = new KeyRequirementInterceptor(Set.copyOf(open), ApiKeyFilter.rejectedCounter(meters));
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }
        };
    }
}
