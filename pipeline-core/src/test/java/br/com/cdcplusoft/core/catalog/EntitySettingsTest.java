package br.com.cdcplusoft.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntitySettingsTest {

    @Test
    void appliesDefaultsAndUpperCasesColumns() {
        EntityDefinition e = new EntitySettings("vw_plusoft_produto", List.of("seqproduto"), "dtahoralteracao",
                null, null, null, null, null, null, null).toDefinition("produtos");
        assertThat(e.source()).isEqualTo("VW_PLUSOFT_PRODUTO");
        assertThat(e.keyColumns()).containsExactly("SEQPRODUTO");
        assertThat(e.chunkSize()).isEqualTo(1000);
        assertThat(e.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(e.lookBack()).isEqualTo(Duration.ofMinutes(5));
        assertThat(e.partitions()).isEqualTo(3);
        assertThat(e.deleteMissing()).isTrue();
    }

    @Test
    void invalidSettingsNameTheEntityAndTheSetting() {
        assertThatThrownBy(() -> new EntitySettings("V", List.of(), null, null, null, null, null, null, null, null).toDefinition("vendas"))
                .hasMessage("entity 'vendas': key-columns must name at least one column");
        assertThatThrownBy(() -> new EntitySettings("V", List.of("A"), null, null, 0, null, null, null, null, null).toDefinition("vendas"))
                .hasMessage("entity 'vendas': chunk-size must be between 1 and 50000, was 0");
        assertThatThrownBy(() -> new EntitySettings("V; DROP", List.of("A"), null, null, null, null, null, null, null, null).toDefinition("x"))
                .hasMessage("entity 'x': source 'V; DROP' is not a SQL identifier");
        assertThatThrownBy(() -> new EntitySettings("V", List.of("A"), null, Duration.ofSeconds(-1), null, null, null, null, null, null)
                .toDefinition("x")).hasMessage("entity 'x': look-back must not be negative, was PT-1S");
    }

    @Test
    void catalogKeepsDeclarationOrderAndNamesUnknownEntities() {
        Map<String, EntitySettings> map = new LinkedHashMap<>();
        map.put("vendas", new EntitySettings("V", List.of("A"), null, null, null, null, null, null, null, null));
        map.put("filiais", new EntitySettings("F", List.of("B"), null, null, null, null, null, null, null, null));
        EntityCatalog catalog = EntitySettings.toCatalog(map);
        assertThat(catalog.names()).containsExactly("vendas", "filiais");
        assertThatThrownBy(() -> catalog.get("lojas")).hasMessage("unknown entity 'lojas'; known entities: vendas, filiais");
    }
}
