package br.com.cdcplusoft.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.document.BrazilianDocuments;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ConsincoDemoDatabaseTest {

    @Test
    void createsTheShippedSchemaAndSeedsEveryViewAtTheChosenScale() throws Exception {
        try (ConsincoDemoDatabase db = ConsincoDemoDatabase.inMemory("seed-test", new DemoScale(4, 300, 1200, 2000));
             Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM VW_PLUSOFT_FILIAL")).isEqualTo(4);
            assertThat(count(s, "SELECT COUNT(*) FROM VW_PLUSOFT_PRODUTO")).isEqualTo(300);
            assertThat(count(s, "SELECT COUNT(*) FROM VW_PLUSOFT_VENDA")).isEqualTo(2000);
            assertThat(count(s, "SELECT COUNT(*) FROM GE_PESSOA")).isEqualTo(1200);
            // the view shows active customers only
            assertThat(count(s, "SELECT COUNT(*) FROM VW_PLUSOFT_CLIENTE")).isBetween(1100L, 1199L);
            assertThat(count(s, "SELECT COUNT(*) FROM VW_PLUSOFT_PRODUTO WHERE DTAHORALTERACAO IS NULL")).isZero();
        }
    }

    @Test
    void seedsValidCheckDigitsExceptTheDeliberatelyInvalidOnes() throws Exception {
        try (ConsincoDemoDatabase db = ConsincoDemoDatabase.inMemory("cpf-test", new DemoScale(2, 20, 2000, 10));
             Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SEQPESSOA, FISICAJURIDICA, NROCGCCPF, DIGCGCCPF FROM GE_PESSOA")) {
            int invalid = 0;
            int valid = 0;
            while (rs.next()) {
                boolean company = "J".equals(rs.getString(2));
                String doc = company ? BrazilianDocuments.cnpj(rs.getLong(3), rs.getInt(4))
                        : BrazilianDocuments.cpf(rs.getLong(3), rs.getInt(4));
                boolean ok = company ? BrazilianDocuments.isValidCnpj(doc) : BrazilianDocuments.isValidCpf(doc);
                if (ok) {
                    valid++;
                } else {
                    invalid++;
                    assertThat(rs.getLong(1) % DemoDataGenerator.INVALID_CPF_EVERY).isZero();
                }
            }
            assertThat(valid).isGreaterThan(1990);
            assertThat(invalid).isBetween(1, 2);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
