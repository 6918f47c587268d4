package br.com.cdcplusoft.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.boot.PipelineAutoConfiguration;
import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.boot.PipelineProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/** The preview the gateway calls: without Kafka, and through the configuration it imports. */
class MappingPreviewTest {

    private static final EntityCatalog ENTITIES = PipelineProperties.defaults().catalog();

    private static ObjectNode row(String json) {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    @Test
    void mappableRowGivesKeyAndPayload() {
        MappingPreview preview = MappingPreview.fromSpecs(MappingSpecs.load(ENTITIES));

        PreviewResult result = preview.preview("produtos", row("""
                {"SEQPRODUTO":10,"DESCCOMPLETA":"Café Torrado e Moído 500g Pilão","DESCREDUZIDA":"cafe torrado","PESAVEL":"N"}"""));

        assertThat(result.ok()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.key()).hasToString("{\"IDPRODUTO\":10}");
        assertThat(result.payload().get("TXTDESCRICAORESUMIDA").asString()).isEqualTo("CAFE TORRADO");
        assertThat(result.payload().propertyNames()).containsExactlyElementsOf(preview.fields("produtos"));
        assertThat(preview.entities()).containsExactly("filiais", "produtos", "clientes", "vendas");
    }

    @Test
    void unmappableRowGivesEveryFieldErrorAndNoPayload() {
        MappingPreview preview = MappingPreview.fromSpecs(MappingSpecs.load(ENTITIES));

        PreviewResult result = preview.preview("clientes", row("""
                {"SEQPESSOA":1,"NOMERAZAO":" ","FISICAJURIDICA":"F","NROCGCCPF":111111111,"DIGCGCCPF":11,
                 "FONEDDD1":11,"FONENRO1":98765432}"""));

        assertThat(result.ok()).isFalse();
        assertThat(result.key()).isNull();
        assertThat(result.payload()).isNull();
        assertThat(result.errors()).containsExactly(
                new FieldError("IDPESSOA", "is not a valid CPF (check digits do not match, or all digits are equal)"),
                new FieldError("TXTNOMECOMPLETO", "is required but has no value (source NOMERAZAO)"));
    }

    @Test
    void unknownEntity() {
        MappingPreview preview = MappingPreview.fromSpecs(MappingSpecs.load(ENTITIES));

        assertThatThrownBy(() -> preview.preview("fornecedores", row("{}")))
                .isInstanceOf(EntityCatalog.UnknownEntityException.class)
                .hasMessage("unknown entity 'fornecedores'; known entities: filiais, produtos, clientes, vendas");
    }

    @Test
    void importedConfigurationLoadsTheSpecsWithTheOverrideFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("filiais.yml"), """
                columns: [NROEMPRESA]
                key: [IDFILIAL]
                fields:
                  - {field: IDFILIAL, type: integer, source: NROEMPRESA, required: true}
                  - {field: TXTCANALATENDIMENTO, type: text, transforms: [{constant: LOJA}]}
                """);
        try (ConfigurableApplicationContext context = context("mapper.specs-dir=" + dir)) {
            MappingPreview preview = context.getBean(MappingPreview.class);

            assertThat(preview.preview("filiais", row("{\"NROEMPRESA\":3}")).payload())
                    .hasToString("{\"IDFILIAL\":3,\"TXTCANALATENDIMENTO\":\"LOJA\"}");
            assertThat(context.getBean(MappingSpecs.class).fields("produtos")).contains("FLGPORDUTOSAZONAL");
        }
    }

    @Test
    void importedConfigurationChecksTheViewsOfTheConfiguredDatabase() throws Exception {
        ConsincoDemoDatabase db = ConsincoDemoDatabase.inMemory("preview-config", null);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE VIEW VW_PLUSOFT_FILIAL AS SELECT NROEMPRESA, NOMEREDUZIDO FROM MAX_EMPRESA");
        }

        assertThatThrownBy(() -> context("spring.datasource.url=" + db.url(),
                "spring.datasource.username=" + ConsincoDemoDatabase.USER, "spring.datasource.password=" + ConsincoDemoDatabase.PASSWORD))
                .rootCause()
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("mapping 'filiais': field 'DATABERTURA' reads column 'DTAINAUGURACAO' which VW_PLUSOFT_FILIAL does not have\n");
    }

    /** As the gateway would: a plain context importing the configuration, with the shared catalog. */
    private static ConfigurableApplicationContext context(String... properties) {
        return new SpringApplicationBuilder(MappingConfiguration.class, PipelineAutoConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=none", "spring.config.import=classpath:pipeline-defaults.yml",
                        "spring.main.banner-mode=off")
                .properties(properties)
                .run();
    }
}
