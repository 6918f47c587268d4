package br.com.cdcplusoft.sink.config;

import br.com.cdcplusoft.boot.PipelineProperties;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/** The records as Spring binds them from plusoft-sink.yml, pipeline-defaults.yml and the environment. */
class SinkPropertiesBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SinkProperties.class, PipelineProperties.class})
    @Import(SettingConverters.class)
    static class Binding {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class)
            .withInitializer(context -> {
                try {
                    YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
                    for (String file : new String[] {"plusoft-sink.yml", "pipeline-defaults.yml"}) {
                        for (PropertySource<?> source : loader.load(file, new ClassPathResource(file))) {
                            context.getEnvironment().getPropertySources().addLast(source);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

    @Test
    void theShippedFilesGiveEachEntityItsRouteAndNoDefaultPlusoftUrl() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SinkProperties plusoft = context.getBean(SinkProperties.class);
            assertThat(plusoft.baseUrl()).as("no default address: never a demo by accident").isNull();
            assertThat(plusoft.auth().type()).isEqualTo(AuthType.BEARER);
            assertThat(plusoft.route("filiais")).isEqualTo(new EntityRoute("/filiais", null, TombstoneAction.INACTIVE, "/filiais",
                    "DELETE", "FLGATIVA", "0"));
            assertThat(plusoft.route("produtos").tombstoneAction()).isEqualTo(TombstoneAction.DELETE);
            assertThat(plusoft.route("clientes").tombstoneAction()).isEqualTo(TombstoneAction.DELETE);
            assertThat(plusoft.route("vendas").tombstoneAction()).isEqualTo(TombstoneAction.SKIP);
            PipelineProperties pipeline = context.getBean(PipelineProperties.class);
            assertThat(pipeline.catalog().names()).containsExactly("filiais", "produtos", "clientes", "vendas");
            assertThat(pipeline.topics()).isEqualTo(TopicCatalog.defaults());
            assertThat(SinkSettings.of(plusoft, pipeline.catalog(), pipeline.topics()).inputTopics())
                    .containsExactly("plusoft.filiais", "plusoft.produtos", "plusoft.clientes", "plusoft.vendas");
        });
    }

    @Test
    void theEnvironmentContractAndGroupsBind() {
        runner.withPropertyValues("PLUSOFT_BASE_URL=https://crm.example.com/carga", "PLUSOFT_TOKEN=abc",
                        "plusoft.batch.max-bytes=2MB", "plusoft.batch.linger=250ms", "plusoft.retry.max-total=90s",
                        "plusoft.entities.vendas.wrapper=registros", "plusoft.auth.type=static_header",
                        "plusoft.auth.header-name=X-Api-Key", "plusoft.auth.header-value=k")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SinkProperties plusoft = context.getBean(SinkProperties.class);
                    assertThat(plusoft.baseUrl()).isEqualTo(URI.create("https://crm.example.com/carga"));
                    assertThat(plusoft.auth().token().reveal()).isEqualTo("abc");
                    assertThat(plusoft.auth().type()).isEqualTo(AuthType.STATIC_HEADER);
                    assertThat(plusoft.batch().maxBytes()).isEqualTo(DataSize.ofMegabytes(2));
                    assertThat(plusoft.batch().linger()).isEqualTo(Duration.ofMillis(250));
                    assertThat(plusoft.retry().maxTotal()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(plusoft.route("vendas").wrapper()).isEqualTo("registros");
                });
    }

    @Test
    void anUnknownAuthTypeFailsStartUpWithTheAcceptedSpellings() {
        runner.withPropertyValues("plusoft.auth.type=basic").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessage("plusoft.auth.type 'basic' is not one of bearer, static-header, oauth2"));
    }

    @Test
    void anUnknownTombstoneActionFailsStartUpWithTheAcceptedSpellings() {
        runner.withPropertyValues("plusoft.entities.vendas.tombstone-action=purge").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessage("tombstone-action 'purge' is not one of skip, inactive, delete"));
    }

    @Test
    void aValueCheckFailsStartUpWithItsMessage() {
        runner.withPropertyValues("plusoft.batch.max-records=0").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessage("plusoft.batch.max-records must be between 1 and 10000, was 0"));
    }
}
