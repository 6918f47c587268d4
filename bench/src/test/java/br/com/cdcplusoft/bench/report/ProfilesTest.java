package br.com.cdcplusoft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfilesTest {

    @Test
    void packagesKeepThreeParts() {
        assertThat(Profiles.packageOf("org.apache.kafka.common.utils.Utils")).isEqualTo("org.apache.kafka");
        assertThat(Profiles.packageOf("java.util.HashMap")).isEqualTo("java.util");
        assertThat(Profiles.packageOf("Main")).isEqualTo("Main");
    }

    @Test
    void threadPoolsCountOnce() {
        assertThat(Profiles.normalize("plusoftSinkContainer-2-C-1")).isEqualTo("plusoftSinkContainer-#-C-#");
    }
}
