package br.com.cdcplusoft.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.boot.PipelineProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the specs: defaults against the real view metadata, overrides, and every start-up error. */
class MappingSpecsTest {

    private static final EntityCatalog ENTITIES = PipelineProperties.defaults().catalog();

    @TempDir
    Path dir;

    @Test
    void defaultSpecsMatchTheViewsOfTheDemoDatabase() throws Exception {
        ConsincoDemoDatabase db = ConsincoDemoDatabase.inMemory("specs-views", null);
        Map<String, Set<String>> columns = SourceColumns.of(db.url(), ConsincoDemoDatabase.USER, ConsincoDemoDatabase.PASSWORD)
                .read(List.of("VW_PLUSOFT_FILIAL", "VW_PLUSOFT_PRODUTO", "VW_PLUSOFT_CLIENTE", "VW_PLUSOFT_VENDA"));

        assertThat(columns).hasSize(4);
        assertThat(columns.get("VW_PLUSOFT_PRODUTO")).containsExactly("SEQPRODUTO", "DESCCOMPLETA", "DESCREDUZIDA",
                "SEQFAMILIA", "FAMILIA", "PESAVEL", "SEQMARCA", "MARCA", "DTAHORINCLUSAO", "DTAHORALTERACAO");
        MappingSpecs specs = MappingSpecs.load(ENTITIES, null, views -> columns);
        assertThat(specs.entities()).containsExactly("filiais", "produtos", "clientes", "vendas");
        // the declared fallback lists are the views' exact columns
        for (String view : columns.keySet()) {
            String entity = ENTITIES.all().stream().filter(e -> e.source().equals(view)).findFirst().orElseThrow().name();
            Set<String> declared = SpecParser.declaredColumns(tools.jackson.dataformat.yaml.YAMLMapper.shared()
                    .readTree(getClass().getResourceAsStream("/mapping/" + entity + ".yml")));
            assertThat(declared).as(entity).containsExactlyElementsOf(columns.get(view));
        }
    }

    @Test
    void aColumnTheDatabaseViewLacksStopsStartUpEvenIfTheSpecDeclaresIt() throws Exception {
        ConsincoDemoDatabase db = ConsincoDemoDatabase.inMemory("specs-dropped-column", null);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE VIEW VW_PLUSOFT_PRODUTO AS SELECT SEQPRODUTO, DESCCOMPLETA, SEQFAMILIA, "
                    + "CAST(NULL AS VARCHAR(50)) FAMILIA, CAST(NULL AS CHAR(1)) PESAVEL, CAST(NULL AS VARCHAR(40)) MARCA FROM MAP_PRODUTO");
        }
        SourceColumns database = SourceColumns.of(db.url(), ConsincoDemoDatabase.USER, ConsincoDemoDatabase.PASSWORD);

        assertThatThrownBy(() -> MappingSpecs.load(ENTITIES, null, database))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("mapping 'produtos': field 'TXTDESCRICAORESUMIDA' reads column 'DESCREDUZIDA' which VW_PLUSOFT_PRODUTO does not have");
    }

    @Test
    void anUnreachableDatabaseFallsBackToTheDeclaredColumns() {
        SourceColumns unreachable = SourceColumns.of("jdbc:h2:tcp://127.0.0.1:1/nowhere", "x", "y");

        assertThat(unreachable.read(List.of("VW_PLUSOFT_PRODUTO"))).isEmpty();
        assertThat(MappingSpecs.load(ENTITIES, null, unreachable).entities()).hasSize(4);
    }

    @Test
    void misspeltColumnNamesEntityFieldAndView() throws IOException {
        override("produtos", produtos().replace("source: DESCREDUZIDA", "source: DESCREDUZID"));

        assertThatThrownBy(() -> load())
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("mapping 'produtos': field 'TXTDESCRICAORESUMIDA' reads column 'DESCREDUZID' which VW_PLUSOFT_PRODUTO does not have");
    }

    @Test
    void duplicateField() throws IOException {
        override("produtos", produtos().replace("field: TXTMARCA,", "field: TXTDESCRICAORESUMIDA,"));

        assertThatThrownBy(() -> load()).hasMessage("mapping 'produtos': field 'TXTDESCRICAORESUMIDA' is declared twice");
    }

    @Test
    void badType() throws IOException {
        override("produtos", produtos().replace("{field: TXTMARCA,                type: text,", "{field: TXTMARCA, type: txt,"));

        assertThatThrownBy(() -> load()).hasMessage("mapping 'produtos': field 'TXTMARCA' has unknown type 'txt'; expected one of "
                + "text, integer, decimal, date, datetime, flag, cpf-cnpj, cpf, cnpj, phone, cep");
    }

    @Test
    void everyProblemIsReportedAtOnceOneALine() throws IOException {
        override("produtos", produtos().replace("source: DESCREDUZIDA", "source: DESCREDUZID")
                .replace("{field: TXTMARCA,                type: text,", "{field: TXTMARCA, type: txt,"));
        override("vendas", """
                columns: [SEQNF, SEQPRODUTO, VLRITEM]
                key: [IDCUPOM]
                fields:
                  - {field: IDCUPOM, type: integer, source: SEQNF}
                  - {field: VLR, type: decimal, source: VLRITEM, requried: true}
                """);

        assertThatThrownBy(() -> load())
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).containsExactly(
                        "mapping 'produtos': field 'TXTDESCRICAORESUMIDA' reads column 'DESCREDUZID' which VW_PLUSOFT_PRODUTO does not have",
                        "mapping 'produtos': field 'TXTMARCA' has unknown type 'txt'; expected one of text, integer, decimal, date, "
                                + "datetime, flag, cpf-cnpj, cpf, cnpj, phone, cep",
                        "mapping 'vendas': field 'VLR' has unknown setting 'requried'; expected one of field, type, source, "
                                + "required, scale, kind, on-invalid, transforms",
                        "mapping 'vendas': field 'VLR' of type decimal needs a scale (0 to 18)",
                        "mapping 'vendas': key field 'IDCUPOM' must be required: a Plusoft identity cannot be empty"))
                .hasMessageContaining("\n");
    }

    @Test
    void selfConsistencyErrors() throws IOException {
        override("vendas", """
                columns: [SEQNF, SEQPRODUTO, VLRITEM, QUANTIDADE, STATUSDF, FONE]
                key: [IDCUPOM, IDX]
                lookups:
                  tipo: {V: VENDA}
                fields:
                  - {field: IDCUPOM, type: integer, source: SEQNF, required: true}
                  - {field: CANAL, type: integer, transforms: [{constant: LOJA}]}
                  - {field: PRECO, type: decimal, scale: 2, source: [VLRITEM, QUANTIDADE]}
                  - {field: UNIT, type: decimal, scale: 2, source: VLRITEM, transforms: [divide]}
                  - {field: TIPO, type: text, source: STATUSDF, transforms: [trim, {lookup: tipos}]}
                  - {field: DOC, type: cpf-cnpj, source: [SEQNF, SEQPRODUTO]}
                  - {field: TEL, type: phone, source: FONE, kind: fixo}
                  - {field: ROUND, type: integer, scale: 2, source: SEQNF}
                  - {field: X, type: text, source: SEQNF, transforms: [uper]}
                  - {field: NOVO, type: text, required: true}
                  - {field: ORD, type: text, source: [SEQNF, SEQPRODUTO], transforms: [trim, concat]}
                  - {field: DEF, type: flag, source: STATUSDF, transforms: [{default: talvez}]}
                """);

        assertThatThrownBy(() -> load()).isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems())
                .containsExactly(
                        "mapping 'vendas': field 'CANAL' has a constant that type integer rejects: it is not a number",
                        "mapping 'vendas': field 'PRECO' reads 2 columns but type decimal takes 1; combine them with a first "
                                + "transform concat or divide",
                        "mapping 'vendas': field 'UNIT' divides but reads 1 column(s); divide needs 2 (dividend, divisor)",
                        "mapping 'vendas': field 'TIPO' uses lookup table 'tipos' which is not declared under 'lookups'",
                        "mapping 'vendas': field 'DOC' reads 2 columns but type cpf-cnpj takes 1 (the digits) or 3 "
                                + "(person type F/J, number, check digits); combine them with a first transform concat or divide",
                        "mapping 'vendas': field 'TEL' has kind 'fixo'; expected any, mobile or landline",
                        "mapping 'vendas': field 'ROUND' has a scale but is of type integer; only decimal fields have one",
                        "mapping 'vendas': field 'X' has unknown transform 'uper'; expected one of trim, upper, lower, pad, "
                                + "constant, default, lookup, concat, divide",
                        "mapping 'vendas': field 'NOVO' is required but has no source column and no constant",
                        "mapping 'vendas': field 'ORD' has transform 'concat' after another one; it must come first",
                        "mapping 'vendas': field 'DEF' has a default that type flag rejects: it is not a flag (expected 1/0, "
                                + "S/N or true/false)",
                        "mapping 'vendas': key field 'IDX' is not one of the fields"));
    }

    @Test
    void specWithoutColumnsAndNoDatabaseCannotBeChecked() throws IOException {
        override("filiais", """
                key: [IDFILIAL]
                fields:
                  - {field: IDFILIAL, type: integer, source: NROEMPRESA, required: true}
                """);

        assertThatThrownBy(() -> load()).hasMessage("mapping 'filiais': cannot check its columns: VW_PLUSOFT_FILIAL could not be "
                + "read from the database and the spec declares no 'columns'");
    }

    @Test
    void unreadableYamlAndStrayFilesAndMissingFolder() throws IOException {
        override("filiais", "key: [IDFILIAL\nfields: {");
        override("produto", produtos());

        assertThatThrownBy(() -> load()).isInstanceOfSatisfying(InvalidMappingException.class, e -> {
            assertThat(e.problems()).hasSize(2);
            assertThat(e.problems().get(0)).startsWith("mapping 'filiais': cannot read " + dir.resolve("filiais.yml") + ": ");
            assertThat(e.problems().get(1)).isEqualTo("mapping 'produto': " + dir.resolve("produto.yml")
                    + " matches no entity in pipeline.entities (filiais, produtos, clientes, vendas)");
        });
        assertThatThrownBy(() -> MappingSpecs.load(ENTITIES, dir.resolve("nope"), SourceColumns.none()))
                .hasMessage("mapper.specs-dir " + dir.resolve("nope").toAbsolutePath() + " is not a folder");
    }

    @Test
    void jsonOverrideReplacesTheBuiltInSpec() throws IOException {
        Files.writeString(dir.resolve("filiais.json"), """
                {"columns": ["NROEMPRESA", "NOMEREDUZIDO"], "key": ["IDFILIAL"],
                 "fields": [{"field": "IDFILIAL", "type": "integer", "source": "NROEMPRESA", "required": true},
                            {"field": "NOME", "type": "text", "source": "NOMEREDUZIDO", "transforms": [{"pad": {"length": 6, "char": ".", "side": "right"}}]}]}
                """);

        MappingSpecs specs = load();

        assertThat(specs.fields("filiais")).containsExactly("IDFILIAL", "NOME");
        assertThat(specs.map("filiais", tools.jackson.databind.json.JsonMapper.shared().createObjectNode()
                .put("NROEMPRESA", 7).put("NOMEREDUZIDO", "LOJA")).payload()).hasToString("{\"IDFILIAL\":7,\"NOME\":\"LOJA..\"}");
        assertThat(specs.fields("produtos")).contains("FLGPORDUTOSAZONAL");
    }

    @Test
    void unknownEntityNamesTheKnownOnes() {
        MappingSpecs specs = MappingSpecs.load(ENTITIES);

        assertThatThrownBy(() -> specs.fields("fornecedores"))
                .hasMessage("unknown entity 'fornecedores'; known entities: filiais, produtos, clientes, vendas");
    }

    private MappingSpecs load() {
        return MappingSpecs.load(ENTITIES, dir, SourceColumns.none());
    }

    private void override(String entity, String yaml) throws IOException {
        Files.writeString(dir.resolve(entity + ".yml"), yaml);
    }

    private static String produtos() throws IOException {
        try (var in = MappingSpecsTest.class.getResourceAsStream("/mapping/produtos.yml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
