package br.com.cdcplusoft.resilience.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a repeated delivery, and when a repeat's key is wrong. */
class LedgerTest {

    private static Delivery delivery(long seq, String key, int status, boolean replayed, Delivery.Item... items) {
        return new Delivery(seq, "load", "POST", "produtos", key, status, replayed, false, List.of(items));
    }

    private static Delivery.Item item(String id, long fingerprint) {
        return new Delivery.Item(id, fingerprint, null);
    }

    @Test
    void aRetryWithTheSameKeyIsARepeatAnsweredWithoutApplying() {
        Ledger l = Ledger.of(List.of(
                delivery(1, "k1", 503, false, item("1", 11), item("2", 22)),
                delivery(2, "k1", 200, false, item("1", 11), item("2", 22)),
                delivery(3, "k1", 200, true, item("1", 11), item("2", 22))), "load");
        assertThat(l.requests()).isEqualTo(3);
        assertThat(l.failed()).isEqualTo(1);
        assertThat(l.deliveries()).isEqualTo(2);
        assertThat(l.repeats()).isEqualTo(2);
        assertThat(l.repeatsSameKey()).isEqualTo(2);
        assertThat(l.repeatsOtherKey()).isZero();
        assertThat(l.appliedTwice()).isZero();
    }

    @Test
    void aRedeliveryUnderAnotherKeyIsCountedAndAppliedTwice() {
        Ledger l = Ledger.of(List.of(
                delivery(1, "k1", 200, false, item("1", 11), item("2", 22)),
                delivery(2, "k2", 200, false, item("1", 11), item("2", 22), item("3", 33))), "load");
        assertThat(l.repeats()).isEqualTo(2);
        assertThat(l.repeatsOtherKey()).isEqualTo(2);
        assertThat(l.appliedTwice()).isEqualTo(2);
        assertThat(l.samples()).hasSize(2).first().asString().contains("produtos 1");
    }

    @Test
    void aNewVersionOfARowIsNotARepeatAndOtherPhasesAreLeftOut() {
        Ledger l = Ledger.of(List.of(
                delivery(1, "k1", 200, false, item("1", 11)),
                delivery(2, "k2", 200, false, item("1", 12)),
                new Delivery(3, "replay", "POST", "produtos", "k9", 200, false, false, List.of(item("1", 11)))), "load");
        assertThat(l.repeats()).isZero();
        assertThat(l.distinctRecords()).isEqualTo(2);
        assertThat(l.requests()).isEqualTo(2);
    }

    @Test
    void aRejectedRequestDeliversNothing() {
        Ledger l = Ledger.of(List.of(
                delivery(1, "k1", 400, false, item("1", 11), item("2", 22)),
                delivery(2, "k2", 200, false, item("1", 11))), "load");
        assertThat(l.rejected()).isEqualTo(1);
        assertThat(l.repeats()).isZero();
    }
}
