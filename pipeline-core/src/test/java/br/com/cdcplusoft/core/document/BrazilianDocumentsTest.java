package br.com.cdcplusoft.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrazilianDocumentsTest {

    @Test
    void computesCpfCheckDigitsWithWeightsTenToTwoThenElevenToTwo() {
        assertThat(BrazilianDocuments.cpfCheckDigits("123456789")).isEqualTo("09");
        assertThat(BrazilianDocuments.isValidCpf("12345678909")).isTrue();
        assertThat(BrazilianDocuments.isValidCpf("12345678908")).isFalse();
    }

    @Test
    void padsCpfWithLeadingZerosLikeLpad() {
        String cpf = BrazilianDocuments.cpf(1234567L, 4);
        assertThat(cpf).isEqualTo("00123456704");
        assertThat(BrazilianDocuments.isValidCpf(BrazilianDocuments.cpf(1234567L,
                Integer.parseInt(BrazilianDocuments.cpfCheckDigits("001234567"))))).isTrue();
    }

    @Test
    void rejectsRepeatedDigitsEvenWhenTheirCheckDigitsAddUp() {
        assertThat(BrazilianDocuments.isValidCpf("11111111111")).isFalse();
        assertThat(BrazilianDocuments.isValidCnpj("00000000000000")).isFalse();
    }

    @Test
    void validatesCnpj() {
        assertThat(BrazilianDocuments.cnpjCheckDigits("112223330001")).isEqualTo("81");
        assertThat(BrazilianDocuments.isValidCnpj("11222333000181")).isTrue();
        assertThat(BrazilianDocuments.isValidCnpj("11222333000182")).isFalse();
        assertThat(BrazilianDocuments.cnpj(11222333000L, 81)).isEqualTo("01122233300081");
    }

    @Test
    void refusesPartsTooLongForTheirWidth() {
        assertThatThrownBy(() -> BrazilianDocuments.cpf(1_234_567_890L, 1))
                .hasMessage("document part has 10 digits, at most 9 allowed");
    }

    @Test
    void masksPersonalData() {
        assertThat(Masking.document("12345678909")).isEqualTo("***.***.***-09");
        assertThat(Masking.email("maria.silva@exemplo.com.br")).isEqualTo("m***@exemplo.com.br");
        assertThat(Masking.phone("+5511987654321")).isEqualTo("+55*********21");
        assertThat(Masking.document(null)).isNull();
    }
}
