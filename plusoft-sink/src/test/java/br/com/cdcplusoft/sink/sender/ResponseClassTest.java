package br.com.cdcplusoft.sink.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResponseClassTest {

    @ParameterizedTest(name = "{0} -> {1}, breaker failure {2}")
    @CsvSource({
        "200, ACCEPTED, false", "201, ACCEPTED, false", "204, ACCEPTED, false",
        "400, REJECTED, false", "404, REJECTED, false", "409, REJECTED, false", "413, REJECTED, false", "422, REJECTED, false",
        "401, RETRYABLE, true", "403, RETRYABLE, true", "408, RETRYABLE, true", "429, RETRYABLE, false",
        "500, RETRYABLE, true", "502, RETRYABLE, true", "503, RETRYABLE, true", "504, RETRYABLE, true",
        "0, RETRYABLE, true", "302, RETRYABLE, true", "101, RETRYABLE, true"})
    void eachStatusHasItsClass(int status, ResponseClass expected, boolean failure) {
        assertThat(ResponseClass.of(status)).isEqualTo(expected);
        assertThat(ResponseClass.isFailure(status)).isEqualTo(failure);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T17:32:00Z"), ZoneOffset.UTC);

        assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 17:32:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 17:31:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }
}
