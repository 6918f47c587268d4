package br.com.cdcplusoft.sink.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds the enum settings through their own parsers, so that a typo fails with a message listing
 * the accepted spellings rather than Spring's generic conversion error.
 */
@Configuration(proxyBeanMethods = false)
class SettingConverters {

    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, AuthType> authTypeConverter() {
        return new Converter<>() {
            @Override
            public AuthType convert(String source) {
                return AuthType.parse(source);
            }
        };
    }

    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, TombstoneAction> tombstoneActionConverter() {
        return new Converter<>() {
            @Override
            public TombstoneAction convert(String source) {
                return TombstoneAction.parse(source);
            }
        };
    }
}
