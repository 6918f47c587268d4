package br.com.cdcplusoft.resilience.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated requests cover every category, are framed, and none can start a re-sync or a re-drive. */
class HostileRequestsTest {

    private static final String KEY = "key-0123456789abcdef";
    private static final Pattern STARTS_SOMETHING = Pattern.compile(
            "^POST /(produtos|clientes|vendas|filiais)/sincronizar\\?forcar=(true|false) |^POST /sincronizar\\?forcar=(true|false) "
                    + "|^POST /dlq/(produtos|clientes|vendas|filiais)/reprocessar ");

    @Test
    void everyCategoryIsThereAndTheCountIsExact() {
        List<HostileRequests.Request> requests = HostileRequests.generate(1000, KEY, 42);
        assertThat(requests).hasSize(1000);
        assertThat(requests).extracting(HostileRequests.Request::category).containsOnly("numbers", "unicode", "sql-injection",
                "unknown-route", "wrong-method", "oversized-body");
        assertThat(requests).filteredOn(r -> r.category().equals("oversized-body"))
                .anySatisfy(r -> assertThat(r.text().length()).isGreaterThan(3 * 1024 * 1024));
    }

    @Test
    void noRequestWithTheKeyCanStartAReSyncOrAReDrive() {
        for (HostileRequests.Request r : HostileRequests.generate(2000, KEY, 7)) {
            if (r.text().contains("X-API-Key: " + KEY)) {
                assertThat(STARTS_SOMETHING.matcher(r.text()).find()).as(r.text().lines().findFirst().orElse("")).isFalse();
            }
        }
    }

    @Test
    void getRequestsComeWithoutAKeyWithTheKeyAndWithAWrongKey() {
        List<HostileRequests.Request> gets = HostileRequests.generate(1000, KEY, 42).stream()
                .filter(r -> r.method().equals("GET")).toList();
        assertThat(gets).anySatisfy(r -> assertThat(r.text()).doesNotContain("X-API-Key"));
        assertThat(gets).anySatisfy(r -> assertThat(r.text()).contains("X-API-Key: " + KEY + "\r\n"));
        assertThat(gets).anySatisfy(r -> assertThat(r.text()).contains("X-API-Key: " + HostileRequests.WRONG_KEY + "\r\n"));
        assertThat(gets).filteredOn(r -> r.text().contains("X-API-Key: " + KEY))
                .anySatisfy(r -> assertThat(r.target()).matches("/(clientes|vendas|dlq).*"));
    }

    @Test
    void requestLinesCarryNoRawSpacesOrNonAscii() {
        for (HostileRequests.Request r : HostileRequests.generate(600, KEY, 3)) {
            String line = r.text().substring(0, r.text().indexOf("\r\n"));
            assertThat(line.split(" ")).as(line).hasSize(3);
            assertThat(line.chars().allMatch(c -> c > 0x20 && c < 0x7f || c == ' ')).as(line).isTrue();
        }
        assertThat(HostileRequests.encode("' OR 1=1")).isEqualTo("'%20OR%201=1");
    }
}
