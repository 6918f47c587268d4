package br.com.cdcplusoft.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoDataGenerator;
import br.com.cdcplusoft.dev.demo.SqlScripts;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Opt-in ({@code mvn -B verify -Pscale -pl extractor}, which runs it at -Xmx256m): a snapshot of
 * {@code scale.rows} (default 1,000,000) venda items publishes every row in constant memory.
 * H2 keeps the rows in a file so that the heap holds only the extractor's chunks.
 */
@EmbeddedKafka(partitions = 6)
class SnapshotScaleIT {

    @Test
    void snapshotsAMillionRowsInConstantMemory() throws Exception {
        int rows = Integer.getInteger("scale.rows", 1_000_000);
        Path dir = Files.createTempDirectory("scale-h2");
        String url = "jdbc:h2:file:" + dir.resolve("consinco") + ConsincoDemoDatabase.URL_OPTIONS + ";CACHE_SIZE=16384";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String script : SqlScripts.CONSINCO_SCHEMA) {
                SqlScripts.run(c, script);
            }
            c.setAutoCommit(false);
            new DemoDataGenerator(1, LocalDateTime.now()).insertVendas(c, 1, rows, 20, 5000, 20000);
            c.commit();
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        long start = System.nanoTime();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ExtractorApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=" + ExtractorApplication.CONFIG_NAME)
                .run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--spring.datasource.url=" + url,
                        "--spring.datasource.username=sa", "--extractor.polling-enabled=false")) {
            long published = ctx.getBean(SnapshotService.class).runNow("vendas", false, "scale-test");
            double seconds = (System.nanoTime() - start) / 1e9;
            long maxHeap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
            System.out.printf("SCALE snapshot: %d rows in %.1f s (%.0f rows/s), max heap %d MB, peak heap pools %d MB%n",
                    published, seconds, published / seconds, maxHeap, peakHeap);
            assertThat(published).isEqualTo(rows);
            assertThat(endOffsets(broker, "consinco.vendas")).isEqualTo(rows + 6L);
        }
    }

    private static long endOffsets(EmbeddedKafkaBroker broker, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            return end.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
