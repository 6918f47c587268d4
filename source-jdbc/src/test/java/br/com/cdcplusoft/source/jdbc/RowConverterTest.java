package br.com.cdcplusoft.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RowConverterTest {

    @Test
    void formatsWholeSecondsAsTheDateTimeFormatterDidAndFractionsAsIso() {
        LocalDateTime[] values = {
            LocalDateTime.of(2025, 3, 1, 14, 32, 0), LocalDateTime.of(2025, 3, 1, 0, 0, 0), LocalDateTime.of(1, 1, 1, 0, 0, 7),
            LocalDateTime.of(999, 12, 31, 23, 59, 59), LocalDateTime.of(9999, 12, 31, 23, 59, 59), LocalDateTime.of(10000, 1, 1, 0, 0),
            LocalDateTime.of(0, 6, 15, 12, 0), LocalDateTime.of(-44, 3, 15, 12, 0)};
        for (LocalDateTime value : values) {
            assertThat(RowConverter.format(value)).as("%s", value).isEqualTo(RowConverter.LOCAL.format(value));
        }
        assertThat(RowConverter.format(LocalDateTime.of(2025, 3, 1, 14, 32, 0))).isEqualTo("2025-03-01T14:32:00");
        assertThat(RowConverter.format(LocalDateTime.of(2025, 3, 1, 14, 32, 0, 123_000_000))).isEqualTo("2025-03-01T14:32:00.123");
    }
}
