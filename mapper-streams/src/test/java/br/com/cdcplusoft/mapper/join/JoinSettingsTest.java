package br.com.cdcplusoft.mapper.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.mapping.MappingSpecs;
import br.com.cdcplusoft.mapping.SourceColumns;
import br.com.cdcplusoft.mapper.topology.MapperTopology;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the debezium mode refuses at start-up, each with the message an operator reads, and what it builds. */
class JoinSettingsTest {

    private static final TopicCatalog TOPICS = TopicCatalog.defaults();

    private static EntityDefinition entity(String name, String view, List<String> key, String filter) {
        return new EntityDefinition(name, view, key, null, Duration.ZERO, 1000, Duration.ofSeconds(1), 3, true, filter);
    }

    @Test
    void anEntityWithoutAConsincoViewCannotBeJoined() {
        EntityCatalog entities = EntityCatalog.of(List.of(entity("estoques", "VW_PLUSOFT_ESTOQUE", List.of("SEQPRODUTO"), null)));

        assertThatThrownBy(() -> new JoinTopology.Settings(entities, TOPICS, JoinTopology.defaultTableTopics(TOPICS)))
                .hasMessage("entity 'estoques' has no debezium join: the debezium mode rebuilds only the views of "
                        + "filiais, produtos, clientes, vendas");
    }

    @Test
    void aSqlFilterOrAnotherKeyCannotBeAppliedToJoinedRows() {
        EntityCatalog entities = EntityCatalog.of(List.of(
                entity("vendas", "VW_PLUSOFT_VENDA", List.of("SEQNF"), "CODGERALOPER IN (37, 48)")));

        assertThatThrownBy(() -> new JoinTopology.Settings(entities, TOPICS, JoinTopology.defaultTableTopics(TOPICS)))
                .hasMessage("entity 'vendas': key-columns [SEQNF] differ from the key [SEQNF, SEQPRODUTO] the debezium joins"
                        + " give VW_PLUSOFT_VENDA\n"
                        + "entity 'vendas': filter 'CODGERALOPER IN (37, 48)' is SQL on the view, which the debezium mode"
                        + " does not read; remove it or run the jdbc mode");
    }

    @Test
    void everyTableAViewReadsNeedsATopic() {
        EntityCatalog entities = EntityCatalog.of(List.of(entity("produtos", "VW_PLUSOFT_PRODUTO", List.of("SEQPRODUTO"), null)));

        assertThatThrownBy(() -> new JoinTopology.Settings(entities, TOPICS, Map.of("MAP_PRODUTO", "consinco.base.MAP_PRODUTO")))
                .hasMessage("no change topic is configured for table MAP_FAMILIA\nno change topic is configured for table MAP_MARCA");
        assertThat(JoinTopology.tablesOf(entities)).containsExactly("MAP_PRODUTO", "MAP_FAMILIA", "MAP_MARCA");
    }

    @Test
    void aSpecReadingAColumnTheJoinDoesNotProduceFailsOnlyInDebeziumMode(@TempDir Path specs) throws IOException {
        Files.writeString(specs.resolve("produtos.yml"), """
                columns: [SEQPRODUTO, DESCCOMPLETA, CODACESSO]
                key: [IDPRODUTO]
                fields:
                  - {field: IDPRODUTO, type: integer, source: SEQPRODUTO, required: true}
                  - {field: TXTEAN, type: text, source: CODACESSO}
                """);
        EntityCatalog entities = EntityCatalog.of(List.of(entity("produtos", "VW_PLUSOFT_PRODUTO", List.of("SEQPRODUTO"), null)));
        MappingSpecs loaded = MappingSpecs.load(entities, specs, SourceColumns.none());

        assertThat(new MapperTopology.Settings(entities, TOPICS, loaded, Duration.ofSeconds(1)).mode()).isEqualTo(PipelineMode.JDBC);
        assertThatThrownBy(() -> new MapperTopology.Settings(entities, TOPICS, loaded, Duration.ofSeconds(1),
                PipelineMode.DEBEZIUM, JoinTopology.defaultTableTopics(TOPICS)))
                .hasMessage("mapping 'produtos': field 'TXTEAN' reads column 'CODACESSO' which the debezium join of"
                        + " VW_PLUSOFT_PRODUTO does not produce");
    }

    @Test
    void onlyTheDebeziumModeReadsTheBaseTopicsAndItsInternalTopicsAreNamed() {
        MapperTopology.Settings jdbc = new MapperTopology.Settings(StreamsFixture.ENTITIES, TOPICS, StreamsFixture.SPECS,
                Duration.ofSeconds(1));
        MapperTopology.Settings debezium = new MapperTopology.Settings(StreamsFixture.ENTITIES, TOPICS, StreamsFixture.SPECS,
                Duration.ofSeconds(1), PipelineMode.DEBEZIUM, JoinTopology.defaultTableTopics(TOPICS));

        assertThat(MapperTopology.build(jdbc).describe().toString()).doesNotContain("consinco.base.");
        String described = MapperTopology.build(debezium).describe().toString();
        for (String table : JoinTopology.TABLES) {
            assertThat(described).contains("topics: [consinco.base." + table + "]");
        }
        assertThat(described).contains("produtos-join-M-subscription-registration", "vendas-join-D-subscription-response",
                "stores: [produtos-view-rows]", "stores: [base-GE_PESSOA]")
                .doesNotContain("KTABLE-", "KSTREAM-");
    }

    @Test
    void baseRowsTakeTheExtractorsFormatAndOnlyCanonicalKeysAreAccepted() {
        BaseTable item = BaseTable.MFL_DFITEM;
        assertThat(item.normalise(StreamsFixture.json("""
                {"SEQNF":"900001","SEQPRODUTO":1,"QUANTIDADE":"1.250","VLRITEM":"abc","VLRDESCONTO":null,"CFOP":5102.0,"EXTRA":"7"}""")).toString())
                .isEqualTo("{\"SEQNF\":900001,\"SEQPRODUTO\":1,\"QUANTIDADE\":1.250,\"VLRITEM\":\"abc\",\"VLRDESCONTO\":null,"
                        + "\"CFOP\":5102.0,\"EXTRA\":\"7\"}");
        assertThat(BaseTable.MAP_MARCA.normalise(StreamsFixture.json("{\"DTAHORALTERACAO\":-86400000}")).toString())
                .isEqualTo("{\"DTAHORALTERACAO\":\"1969-12-31T00:00:00\"}");
        assertThat(BaseTable.MAP_MARCA.normalise(StreamsFixture.json("{\"DTAHORALTERACAO\":\"2025-03-01T14:32:00\"}")).toString())
                .as("a date already in ISO form").isEqualTo("{\"DTAHORALTERACAO\":\"2025-03-01T14:32:00\"}");

        assertThat(item.isCanonicalKey(StreamsFixture.json("{\"SEQNF\":1,\"SEQPRODUTO\":2}"))).isTrue();
        assertThat(item.isCanonicalKey(StreamsFixture.json("{\"SEQPRODUTO\":2,\"SEQNF\":1}"))).isFalse();
        assertThat(item.isCanonicalKey(StreamsFixture.json("{\"SEQNF\":1,\"SEQPRODUTO\":2.0}"))).isFalse();
        assertThat(item.isCanonicalKey(StreamsFixture.json("{\"SEQNF\":1}"))).isFalse();
        assertThat(item.isCanonicalKey(StreamsFixture.json("{\"schema\":{},\"payload\":{\"SEQNF\":1,\"SEQPRODUTO\":2}}"))).isFalse();

        for (String key : List.of("{\"SEQNF\":1,\"SEQPRODUTO\":2}", "{\"SEQPRODUTO\":2,\"SEQNF\":1}", "{\"SEQNF\":\"1\",\"SEQPRODUTO\":\"2\"}",
                "{\"SEQNF\":1.0,\"SEQPRODUTO\":\"2.000\"}", "{\"schema\":{},\"payload\":{\"SEQNF\":1,\"SEQPRODUTO\":2}}")) {
            assertThat(item.canonicalKey(StreamsFixture.json(key))).as(key).hasToString("{\"SEQNF\":1,\"SEQPRODUTO\":2}");
        }
        for (String key : List.of("{\"SEQNF\":1}", "{\"SEQNF\":1,\"SEQPRODUTO\":2.5}", "{\"SEQNF\":1,\"SEQPRODUTO\":\"x\"}",
                "{\"SEQNF\":1,\"SEQPRODUTO\":null}", "{\"SEQNF\":1,\"OUTRA\":2}")) {
            assertThat(item.canonicalKey(StreamsFixture.json(key))).as(key).isNull();
        }

        assertThat(BaseTable.MAP_FAMILIA.keyFrom(StreamsFixture.json("{\"SEQFAMILIA\":\"100\"}"), List.of("SEQFAMILIA")).toString())
                .as("byte-identical to Debezium's key").isEqualTo("{\"SEQFAMILIA\":100}");
        assertThat(BaseTable.MAP_FAMILIA.keyFrom(StreamsFixture.json("{\"SEQFAMILIA\":null}"), List.of("SEQFAMILIA"))).isNull();
        assertThat(BaseTable.MAP_FAMILIA.keyFrom(StreamsFixture.json("{\"SEQFAMILIA\":1.5}"), List.of("SEQFAMILIA"))).isNull();
    }
}
