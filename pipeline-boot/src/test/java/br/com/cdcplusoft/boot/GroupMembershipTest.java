package br.com.cdcplusoft.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GroupMembershipTest {

    @Test
    void withoutAnInstanceIdMembershipIsDynamicWithATenSecondSession() {
        Map<String, Object> consumer = new HashMap<>();

        GroupMembership.apply(consumer, null);

        assertThat(consumer).containsExactlyInAnyOrderEntriesOf(Map.of("session.timeout.ms", "10000", "heartbeat.interval.ms", "2000"));
    }

    @Test
    void anInstanceIdBecomesTheStaticMemberName() {
        Map<String, Object> consumer = new HashMap<>();

        GroupMembership.apply(consumer, "sink-a");

        assertThat(consumer).containsEntry("group.instance.id", "sink-a").containsEntry("session.timeout.ms", "10000");
    }

    @Test
    void settingsGivenExplicitlyAreKept() {
        Map<String, Object> consumer = new HashMap<>(Map.of("session.timeout.ms", "30000", "group.instance.id", "explicit"));

        GroupMembership.apply(consumer, "sink-a");

        assertThat(consumer).containsEntry("session.timeout.ms", "30000").containsEntry("group.instance.id", "explicit")
                .containsEntry("heartbeat.interval.ms", "2000");
    }

    @Test
    void theShippedDefaultsLeaveTheInstanceIdUnset() {
        assertThat(PipelineProperties.defaults().instanceId()).isNull();
    }

    @Test
    void theInstanceIdIsBoundTrimmedAndBlankMeansUnset() {
        assertThat(bind(" mapper-1 ").instanceId()).isEqualTo("mapper-1");
        assertThat(bind("  ").instanceId()).isNull();
    }

    @Test
    void anInstanceIdThatCannotNameAGroupMemberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PipelineProperties(Map.of(), null, "sink 1"))
                .withMessage("pipeline.instance-id (PIPELINE_INSTANCE_ID) must be 1 to 100 letters, digits, '.', '_' or '-', was 'sink 1'");
        assertThat(bindError("x".repeat(101))).startsWith("pipeline.instance-id (PIPELINE_INSTANCE_ID) must be 1 to 100");
    }

    private static PipelineProperties bind(String instanceId) {
        return new Binder(new MapConfigurationPropertySource(Map.of("pipeline.instance-id", instanceId)))
                .bindOrCreate("pipeline", PipelineProperties.class);
    }

    private static String bindError(String instanceId) {
        try {
            bind(instanceId);
        } catch (BindException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
        throw new AssertionError(instanceId + " was accepted");
    }
}
