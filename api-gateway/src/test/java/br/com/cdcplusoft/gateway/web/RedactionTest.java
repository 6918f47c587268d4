package br.com.cdcplusoft.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTimeoutException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/** What an error may show of itself: the classification and the masked excerpt. */
class RedactionTest {

    @Test
    void quotedTextEmailsNumbersAndNamesAreMaskedWhileTheShapeOfTheMessageStays() {
        assertThat(Redaction.excerpt("Data conversion error converting \"Zuleika Quintanilha\" (73918204657, zuleika.q@exemplo.com.br, "
                + "1931-02-27, Travessa Quixabeira do Sossego 1847-F, QUIXERAMOBIM 63800417, +5592981726354)"))
                .isEqualTo("Data conversion error converting '***' (***, ***@***, ***, *** *** do *** ***-F, *** ***, +***)");
        assertThat(Redaction.excerpt("Value too long for column \"NOMERAZAO\": \"'ZULEIKA Q' (50)\""))
                .isEqualTo("Value too long for column '***': '***'");
        assertThat(Redaction.excerpt("Cannot parse \"ZULEIKA\": not a date")).isEqualTo("Cannot parse '***': not a date");
    }

    @Test
    void codesIdentifiersClassNamesAndJsonMemberNamesStay() {
        assertThat(Redaction.excerpt("ORA-01013: user requested cancel of current operation")).isEqualTo(
                "ORA-01013: user requested cancel of current operation");
        assertThat(Redaction.excerpt("reading VW_PLUSOFT_CLIENTE failed: SQLException after 3000 ms"))
                .isEqualTo("reading VW_PLUSOFT_CLIENTE failed: SQLException after *** ms");
        assertThat(Redaction.excerpt("is not an ISO-8601 date or date-time")).isEqualTo("is not an ISO-8601 date or date-time");
        assertThat(Redaction.excerpt("is not a valid CPF (wrong check digits)")).isEqualTo("is not a valid CPF (wrong check digits)");
        assertThat(Redaction.excerpt("{\"erro\":\"CPF 52998224725 recusado\",\"campo\":\"IDPESSOA\",\"registro\":{\"TXTNOMECOMPLETO\":\"Maria\"}}"))
                .isEqualTo("{\"erro\":'***',\"campo\":'***',\"registro\":{\"TXTNOMECOMPLETO\":'***'}}");
    }

    @Test
    void excerptsAreShortAndSingleLine() {
        String excerpt = Redaction.excerpt("line one\nline two\t" + "x".repeat(400));
        assertThat(excerpt).hasSize(Redaction.EXCERPT_LIMIT + 3).endsWith("...").doesNotContain("\n").doesNotContain("\t");
        assertThat(Redaction.excerpt(null)).isNull();
    }

    @Test
    void exceptionsAreClassifiedByWhatFailedNeverByTheirMessage() {
        assertThat(Redaction.classify(new QueryTimeoutException("x", new SQLTimeoutException("Maria")))).isEqualTo("DATABASE_TIMEOUT");
        assertThat(Redaction.classify(new DataAccessResourceFailureException("ORA-12541"))).isEqualTo("DATABASE");
        assertThat(Redaction.classify(new TimeoutException("Maria"))).isEqualTo("TIMEOUT");
        assertThat(Redaction.classify(new org.apache.kafka.common.KafkaException("x"))).isEqualTo("BROKER");
        assertThat(Redaction.classify(new IllegalStateException("Maria"))).isEqualTo("INTERNAL");
        assertThat(Redaction.classify("ORA-01722: invalid number")).isEqualTo("DATABASE");
        assertThat(Redaction.classify("publishing to the topic timed out")).isEqualTo("TIMEOUT");
        assertThat(Redaction.classify("Data conversion error converting")).isEqualTo("DATABASE");
        assertThat(Redaction.classify("sending to the broker failed")).isEqualTo("BROKER");
        assertThat(Redaction.classify((String) null)).isEqualTo("UNKNOWN");
        assertThat(Redaction.classify("something odd")).isEqualTo("OTHER");
    }
}
