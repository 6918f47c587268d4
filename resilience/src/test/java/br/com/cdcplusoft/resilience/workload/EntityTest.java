package br.com.cdcplusoft.resilience.workload;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.document.BrazilianDocuments;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.resilience.poison.Poison;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Synthetic documents are valid and distinct; the version a payload carries is read back. */
class EntityTest {

    @Test
    void cpfsAreValidAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (long n = 0; n < 50_000; n++) {
            String cpf = Entity.cpf(n);
            assertThat(BrazilianDocuments.isValidCpf(cpf)).as(cpf).isTrue();
            assertThat(seen.add(cpf)).as(cpf).isTrue();
        }
        assertThat(BrazilianDocuments.isValidCpf(Poison.invalidCpf())).isFalse();
        assertThat(BrazilianDocuments.isValidCpf(Poison.impossibleDateCpf())).isTrue();
    }

    @Test
    void theSequenceNumberIsReadFromWhatPlusoftReceives() {
        assertThat(Entity.PRODUTOS.sequenceOf(Json.mapper().readTree("{\"TXTDESCRICAOCOMPLETA\":\"" + Entity.description(3, 4711) + "\"}")))
                .contains(4711L);
        assertThat(Entity.CLIENTES.sequenceOf(Json.mapper().readTree("{\"TXTNOMECOMPLETO\":\"" + Entity.name(3, 12) + "\"}"))).contains(12L);
        assertThat(Entity.VENDAS.sequenceOf(Json.mapper().readTree("{\"VLRPRECOVENDAUNITARIO\":" + Entity.value(1234) + "}"))).contains(1234L);
        assertThat(Entity.PRODUTOS.sequenceOf(Json.mapper().readTree("{\"TXTDESCRICAOCOMPLETA\":\"RESIL REJEITAR P3000004\"}"))).isEmpty();
        assertThat(Entity.VENDAS.sequenceOf(Json.mapper().readTree("{\"VLRPRECOVENDAUNITARIO\":null}"))).isEmpty();
    }

    @Test
    void plusoftIdentitiesAreTheSimulatorsOnes() {
        assertThat(Entity.PRODUTOS.plusoftId(5)).isEqualTo("1000005");
        assertThat(Entity.VENDAS.plusoftId(5)).isEqualTo("1000005|7");
        assertThat(Entity.CLIENTES.plusoftId(5)).isEqualTo(Entity.cpf(5));
    }
}
