package br.com.cdcplusoft.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.mapping.Normalizers.DocumentKind;
import br.com.cdcplusoft.mapping.Normalizers.PhoneKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

class NormalizersTest {

    private static JsonNode s(String v) {
        return StringNode.valueOf(v);
    }

    private static JsonNode n(long v) {
        return LongNode.valueOf(v);
    }

    private static JsonNode d(String v) {
        return DecimalNode.valueOf(new BigDecimal(v));
    }

    // ---- Documents ----

    @Test
    void cpfKeepsTheLeadingZerosTheNumberColumnDropped() {
        assertThat(Normalizers.document(DocumentKind.EITHER, s("F"), n(1234567), n(97))).isEqualTo("00123456797");
    }

    @Test
    void cpfCheckDigitsBelowTenArePaddedToTwo() {
        assertThat(Normalizers.document(DocumentKind.CPF, null, n(191), n(0))).isEqualTo("00000019100");
    }

    @Test
    void cpfWithWrongCheckDigitsIsAProblemWhoseReasonDoesNotQuoteTheNumber() {
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.EITHER, s("F"), n(123456789), n(10)))
                .isInstanceOf(FieldProblem.class)
                .hasMessage("is not a valid CPF (check digits do not match, or all digits are equal)")
                .message().doesNotContain("123456789");
    }

    @Test
    void cpfOfOneRepeatedDigitIsInvalidEvenThoughItsCheckDigitsAddUp() {
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.CPF, null, n(111111111), n(11)))
                .hasMessage("is not a valid CPF (check digits do not match, or all digits are equal)");
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.CPF, null, n(0), n(0)))
                .hasMessage("is not a valid CPF (check digits do not match, or all digits are equal)");
    }

    @Test
    void cnpjChosenByPersonTypeJ() {
        assertThat(Normalizers.document(DocumentKind.EITHER, s("J"), n(123456780001L), n(95))).isEqualTo("12345678000195");
        assertThat(Normalizers.document(DocumentKind.CNPJ, null, n(123450001L), n(65))).isEqualTo("00012345000165");
    }

    @Test
    void cnpjWithWrongCheckDigitsIsAProblem() {
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.CNPJ, null, n(123456780001L), n(96)))
                .hasMessage("is not a valid CNPJ (check digits do not match, or all digits are equal)");
    }

    @Test
    void numbersAsDecimalStringsAsDebeziumSendsThem() {
        assertThat(Normalizers.document(DocumentKind.EITHER, s("f"), s("123456789"), s("9"))).isEqualTo("12345678909");
    }

    @Test
    void unknownPersonTypeOrMissingPartsAreProblemsButAnAbsentDocumentIsNull() {
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.EITHER, s("X"), n(123456789), n(9)))
                .hasMessage("has person type neither F (CPF) nor J (CNPJ)");
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.EITHER, null, n(123456789), n(9)))
                .hasMessage("has no person type (F or J) to tell a CPF from a CNPJ");
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.CPF, null, n(123456789), null))
                .hasMessage("has a document number without check digits, or check digits without a number");
        assertThat(Normalizers.document(DocumentKind.EITHER, s("F"), null, null)).isNull();
    }

    @Test
    void tooLongForACpfIsAProblem() {
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.CPF, null, n(1234567890L), n(9)))
                .hasMessage("has a CPF number with too many digits");
    }

    @Test
    void oneColumnDocumentsMayCarryPunctuationAndTheirLengthTellsTheKind() {
        assertThat(Normalizers.document(DocumentKind.EITHER, s("123.456.789-09"))).isEqualTo("12345678909");
        assertThat(Normalizers.document(DocumentKind.EITHER, s("12.345.678/0001-95"))).isEqualTo("12345678000195");
        assertThatThrownBy(() -> Normalizers.document(DocumentKind.EITHER, s("1234567890")))
                .hasMessage("has 10 digits; a CPF has 11 and a CNPJ 14");
    }

    // ---- Phones ----

    @Test
    void mobileFromDddAndNumberColumns() {
        assertThat(Normalizers.phone(n(11), n(987654321), PhoneKind.ANY)).isEqualTo("+5511987654321");
    }

    @Test
    void landlineHasEightDigits() {
        assertThat(Normalizers.phone(n(21), n(32104567), PhoneKind.ANY)).isEqualTo("+552132104567");
    }

    @Test
    void nullPhoneOrNullDddIsNullNotAProblem() {
        assertThat(Normalizers.phone(null, null, PhoneKind.ANY)).isNull();
        assertThat(Normalizers.phone(n(11), null, PhoneKind.ANY)).isNull();
        assertThat(Normalizers.phone(null, n(987654321), PhoneKind.MOBILE)).isNull();
        assertThat(Normalizers.phone(NullNode.getInstance(), s(" "), PhoneKind.ANY)).isNull();
    }

    @Test
    void dddWrittenWithATrunkZeroIsAccepted() {
        assertThat(Normalizers.phone(s("011"), s("98765-4321"), PhoneKind.ANY)).isEqualTo("+5511987654321");
    }

    @Test
    void kindFiltersWithoutFailing() {
        assertThat(Normalizers.phone(n(11), n(32104567), PhoneKind.MOBILE)).isNull();
        assertThat(Normalizers.phone(n(11), n(987654321), PhoneKind.LANDLINE)).isNull();
        assertThat(Normalizers.phone(n(11), n(32104567), PhoneKind.LANDLINE)).isEqualTo("+551132104567");
    }

    @Test
    void wrongLengthsAreProblems() {
        assertThatThrownBy(() -> Normalizers.phone(n(11), n(8765432), PhoneKind.ANY))
                .hasMessage("has a number of 7 digits; a mobile has 9 starting with 9 and a landline 8");
        assertThatThrownBy(() -> Normalizers.phone(n(11), n(887654321), PhoneKind.ANY))
                .hasMessage("has a number of 9 digits; a mobile has 9 starting with 9 and a landline 8");
        assertThatThrownBy(() -> Normalizers.phone(n(1), n(987654321), PhoneKind.ANY))
                .hasMessage("has a DDD of 1 digits; a DDD has 2 (11 to 99)");
    }

    @Test
    void wholeNumberInOneColumn() {
        assertThat(Normalizers.phone(s("(11) 98765-4321"), PhoneKind.ANY)).isEqualTo("+5511987654321");
        assertThat(Normalizers.phone(s("+55 11 98765-4321"), PhoneKind.ANY)).isEqualTo("+5511987654321");
        assertThat(Normalizers.phone(s("011 3210-4567"), PhoneKind.ANY)).isEqualTo("+551132104567");
    }

    // ---- Ceps ----

    @Test
    void sevenDigitCepFromANumberColumnGetsItsLeadingZeroBack() {
        assertThat(Normalizers.cep(n(1310100))).isEqualTo("01310100");
    }

    @Test
    void hyphenatedCepLosesTheHyphen() {
        assertThat(Normalizers.cep(s("01310-100"))).isEqualTo("01310100");
    }

    @Test
    void tooLongIsAProblemAndZeroOrEmptyIsNull() {
        assertThatThrownBy(() -> Normalizers.cep(n(131010000))).hasMessage("has 9 digits; a CEP has 8");
        assertThat(Normalizers.cep(n(0))).isNull();
        assertThat(Normalizers.cep(s(""))).isNull();
    }

    // ---- Dates ----

    @Test
    void oracleDateIsSaoPauloLocalTimeWithItsOffset() {
        assertThat(Normalizers.dateTime(s("2025-03-01T14:32:00"))).isEqualTo("2025-03-01T14:32:00-03:00");
    }

    @Test
    void dateInsideOldDaylightSavingTimeCarriesMinusTwo() {
        // Brazil's last summer time ran from 2018-11-04 to 2019-02-16
        assertThat(Normalizers.dateTime(s("2019-01-15T10:00:00"))).isEqualTo("2019-01-15T10:00:00-02:00");
        assertThat(Normalizers.dateTime(s("2019-02-17T10:00:00"))).isEqualTo("2019-02-17T10:00:00-03:00");
    }

    @Test
    void timeInTheSpringForwardGapMovesForwardAndTheRepeatedHourTakesSummerTime() {
        // 2018-11-04 00:00 jumped to 01:00; 2019-02-16 23:xx happened twice (-02:00, then -03:00)
        assertThat(Normalizers.dateTime(s("2018-11-04T00:30:00"))).isEqualTo("2018-11-04T01:30:00-02:00");
        assertThat(Normalizers.dateTime(s("2019-02-16T23:30:00"))).isEqualTo("2019-02-16T23:30:00-02:00");
    }

    @Test
    void debeziumEpochMillisAreTheWallClockWrittenAsUtc() {
        // 2025-03-01T14:32:00 as if it were UTC
        assertThat(Normalizers.dateTime(n(1740839520000L))).isEqualTo("2025-03-01T14:32:00-03:00");
        assertThat(Normalizers.date(n(1740839520000L))).isEqualTo("2025-03-01");
    }

    @Test
    void explicitOffsetsAreRealInstants() {
        assertThat(Normalizers.dateTime(s("2025-03-01T17:32:00Z"))).isEqualTo("2025-03-01T14:32:00-03:00");
    }

    @Test
    void dateOnlyFieldsNeverShiftTheDay() {
        assertThat(Normalizers.date(s("1985-12-31T23:59:59"))).isEqualTo("1985-12-31");
        assertThat(Normalizers.date(s("1985-12-31 00:00:00"))).isEqualTo("1985-12-31");
        assertThat(Normalizers.date(s("1985-12-31"))).isEqualTo("1985-12-31");
    }

    @Test
    void garbageIsAProblem() {
        assertThatThrownBy(() -> Normalizers.date(s("31/12/1985"))).hasMessage("is not an ISO-8601 date or date-time");
    }

    // ---- NumbersTextFlags ----

    @Test
    void decimalsAreExactAtTheirScale() {
        assertThat(Normalizers.decimal(d("10.5"), 2)).isEqualByComparingTo("10.50").hasToString("10.50");
        assertThat(Normalizers.decimal(s("0.1"), 3)).hasToString("0.100");
        assertThat(Normalizers.decimal(s("2.675"), 2)).hasToString("2.68");
        assertThat(Normalizers.decimal(s("2.665"), 2)).hasToString("2.66");
    }

    @Test
    void integersRejectFractions() {
        assertThat(Normalizers.integer(s("10.000"))).isEqualTo(BigInteger.TEN);
        assertThatThrownBy(() -> Normalizers.integer(d("10.5"))).hasMessage("is not a whole number");
        assertThatThrownBy(() -> Normalizers.integer(s("dez"))).hasMessage("is not a number");
    }

    @Test
    void textLosesControlCharactersAndOuterSpacesButKeepsAccents() {
        assertThat(Normalizers.text(s("  Feijão Carioca\t"))).isEqualTo("Feijão Carioca");
        assertThat(Normalizers.text(s("Rua São Bento\r\nApto 12"))).isEqualTo("Rua São Bento Apto 12");
        assertThat(Normalizers.text(s(" \t "))).isNull();
        assertThat(Normalizers.text(d("1234.50"))).isEqualTo("1234.50");
    }

    @Test
    void flags() {
        assertThat(Normalizers.flag(s("S"))).isEqualTo(1);
        assertThat(Normalizers.flag(s("n"))).isEqualTo(0);
        assertThat(Normalizers.flag(BooleanNode.TRUE)).isEqualTo(1);
        assertThat(Normalizers.flag(n(0))).isEqualTo(0);
        assertThatThrownBy(() -> Normalizers.flag(s("talvez"))).hasMessage("is not a flag (expected 1/0, S/N or true/false)");
    }

    /** The hand-written reading and writing of the extractor's date-times agree with java.time's formatters. */
    @Test
    void plainDateTimesReadAndWriteAsTheFormattersDo() {
        java.util.Random random = new java.util.Random(17);
        java.time.format.DateTimeFormatter offsetPattern =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", java.util.Locale.ROOT);
        for (int i = 0; i < 20_000; i++) {
            // 1890-2060: São Paulo's local mean time (-03:06:28) before 1914, the daylight-saving summers after
            java.time.LocalDateTime t = java.time.LocalDateTime.of(1890, 1, 1, 0, 0)
                    .plusSeconds((long) (random.nextDouble() * 170 * 365.25 * 86_400));
            String text = t.toLocalDate() + (i % 2 == 0 ? "T" : " ") + t.toLocalTime().withNano(0).format(
                    java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
            java.time.ZonedDateTime zoned = java.time.ZonedDateTime.ofLocal(t.withNano(0), Normalizers.SAO_PAULO, null);

            assertThat(Normalizers.localDateTime(s(text))).as(text).isEqualTo(t.withNano(0));
            assertThat(Normalizers.dateTime(s(text))).as(text).isEqualTo(zoned.format(offsetPattern));
        }
        assertThatThrownBy(() -> Normalizers.dateTime(s("2025-02-30T10:00:00"))).isInstanceOf(FieldProblem.class)
                .hasMessage("is not an ISO-8601 date or date-time");
        assertThatThrownBy(() -> Normalizers.dateTime(s("2025-03-01T24:00:00"))).isInstanceOf(FieldProblem.class);
        java.time.ZonedDateTime farFuture = java.time.ZonedDateTime.of(12025, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
        assertThat(Normalizers.offsetDateTime(farFuture)).isEqualTo(farFuture.format(offsetPattern));
    }
}
