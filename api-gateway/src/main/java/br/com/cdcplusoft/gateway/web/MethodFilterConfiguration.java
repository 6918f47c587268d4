package br.com.cdcplusoft.gateway.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The method guard runs first, before the rate limit and the API key. */
@Configuration(proxyBeanMethods = false)
public class MethodFilterConfiguration {

    @Bean
    FilterRegistrationBean<UnsupportedMethodFilter> unsupportedMethodFilter() {
        FilterRegistrationBean<UnsupportedMethodFilter> bean = new FilterRegistrationBean<>(new UnsupportedMethodFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }
}
