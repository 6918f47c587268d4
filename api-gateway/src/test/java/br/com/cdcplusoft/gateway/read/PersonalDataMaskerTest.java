package br.com.cdcplusoft.gateway.read;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PersonalDataMaskerTest {

    @Test
    void masksTheDocumentEmailAndPhoneNumbersOfAViewRowAndLeavesTheRest() {
        ObjectNode row = Json.mapper().createObjectNode().put("SEQPESSOA", 3).put("FISICAJURIDICA", "F")
                .put("NROCGCCPF", 52998224).put("DIGCGCCPF", 25).put("EMAIL", "ana@exemplo.com.br")
                .put("FONEDDD1", 21).put("FONENRO1", 998877665).put("FONEDDD2", 21).putNull("FONENRO2").put("CIDADE", "Niterói");
        ObjectNode masked = PersonalDataMasker.maskSourceRow(row);
        // 052998224 25: the base is left-padded to 9 digits as Consinco splits a CPF
        assertThat(masked.get("NROCGCCPF").asString()).isEqualTo("***.***.***-25");
        assertThat(masked.get("DIGCGCCPF").asString()).isEqualTo("**");
        assertThat(masked.get("EMAIL").asString()).isEqualTo("a***@exemplo.com.br");
        assertThat(masked.get("FONENRO1").asString()).isEqualTo("*******65");
        assertThat(masked.get("FONENRO2").isNull()).isTrue();
        assertThat(masked.get("FONEDDD1").asInt()).isEqualTo(21);
        assertThat(masked.get("CIDADE").asString()).isEqualTo("Niterói");
        assertThat(row.get("NROCGCCPF").asLong()).as("the input is not modified").isEqualTo(52998224);
    }

    @Test
    void aCompanyDocumentIsMaskedAsACnpj() {
        ObjectNode row = Json.mapper().createObjectNode().put("FISICAJURIDICA", "J").put("NROCGCCPF", 11222333000181L / 100)
                .put("DIGCGCCPF", 81);
        assertThat(PersonalDataMasker.maskSourceRow(row).get("NROCGCCPF").asString()).isEqualTo("**.***.***/****-81");
    }

    @Test
    void rowsWithoutPersonalColumnsAreUnchanged() {
        ObjectNode row = Json.mapper().createObjectNode().put("SEQPRODUTO", 1).put("DESCCOMPLETA", "Arroz").putNull("NROCGCCPF");
        assertThat(PersonalDataMasker.maskSourceRow(row)).isEqualTo(row);
    }

    @Test
    void masksPlusoftIdentityEmailAndPhones() {
        ObjectNode payload = Json.mapper().createObjectNode().put("IDPESSOA", "52998224725").put("TXTEMAIL", "ana@exemplo.com.br")
                .put("NUMCEL1", "+5521998877665").put("NUMTELFIXO", "+552133334444").putNull("NUMCEL2")
                .put("TXTNOMECOMPLETO", "Ana Teste").put("IDFILIAL", 4);
        ObjectNode masked = PersonalDataMasker.maskPayload(payload);
        assertThat(masked.get("IDPESSOA").asString()).isEqualTo("***.***.***-25");
        assertThat(masked.get("TXTEMAIL").asString()).isEqualTo("a***@exemplo.com.br");
        assertThat(masked.get("NUMCEL1").asString()).isEqualTo("+55*********65");
        assertThat(masked.get("NUMTELFIXO").asString()).isEqualTo("+55********44");
        assertThat(masked.get("NUMCEL2").isNull()).isTrue();
        assertThat(masked.get("TXTNOMECOMPLETO").asString()).isEqualTo("Ana Teste");
        assertThat(masked.get("IDFILIAL").asInt()).isEqualTo(4);
    }
}
