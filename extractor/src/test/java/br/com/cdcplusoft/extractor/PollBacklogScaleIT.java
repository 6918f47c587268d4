package br.com.cdcplusoft.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.SqlScripts;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
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
 * Opt-in ({@code mvn -B verify -Pscale -pl extractor -Dit.test=PollBacklogScaleIT}, at -Xmx256m with the
 * broker and H2 in the same JVM): a poll that finds {@code scale.rows} (default 1,000,000) changed
 * products, as after a long outage or a mass price update, publishes them chunk by chunk, storing the
 * cursor after each, in flat memory. The extractor starts without a stored cursor and without an
 * initial snapshot, so its first poll is the whole backlog. H2 keeps the rows in a file so that the
 * heap holds only the extractor's chunks.
 *
 * <p>The rows sit in a plain table indexed on (cursor, key) rather than behind the joined view: H2
 * sorts a joined view's whole remainder for every chunk (hours for a million rows), which would
 * measure H2, not the extractor.
 *
 * <p>Measured (2 shared cores): 1,000,000 rows in 641 s including start-up, at -Xmx256m; the live heap
 * of the whole JVM (broker, H2 cache, Spring, extractor) after a full GC stayed between 86 and 113 MB
 * from 245,000 to 935,000 rows published.
 */
@EmbeddedKafka(partitions = 3)
class PollBacklogScaleIT {

    @Test
    void pollsABacklogOfAMillionChangedRowsInFlatMemory() throws Exception {
        int rows = Integer.getInteger("scale.rows", 1_000_000);
        Path dir = Files.createTempDirectory("scale-poll-h2");
        String url = "jdbc:h2:file:" + dir.resolve("consinco") + ConsincoDemoDatabase.URL_OPTIONS + ";CACHE_SIZE=16384";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String script : SqlScripts.CONSINCO_SCHEMA) {
                SqlScripts.run(c, script);
            }
            try (var ddl = c.createStatement()) {
                ddl.execute("CREATE TABLE BACKLOG_PRODUTO (SEQPRODUTO NUMBER(15) PRIMARY KEY, DESCCOMPLETA VARCHAR2(50),"
                        + " DESCREDUZIDA VARCHAR2(24), DTAHORALTERACAO DATE)");
                ddl.execute("CREATE INDEX IX_BACKLOG_PRODUTO_CURSOR ON BACKLOG_PRODUTO (DTAHORALTERACAO, SEQPRODUTO)");
            }
            c.setAutoCommit(false);
            // a stamp every second, ten rows sharing each, over the last day or so
            LocalDateTime first = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(rows / 10 + 60);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO BACKLOG_PRODUTO VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "Produto reajustado " + i);
                    ps.setString(3, "PRODUTO " + (i % 1000));
                    ps.setTimestamp(4, Timestamp.valueOf(first.plusSeconds(i / 10)));
                    ps.addBatch();
                    if (i % 10_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        System.gc();
        long start = System.nanoTime();
        AtomicLong afterGcPeak = new AtomicLong();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ExtractorApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=" + ExtractorApplication.CONFIG_NAME)
                .run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--spring.datasource.url=" + url,
                        "--spring.datasource.username=sa", "--extractor.entities=produtos", "--extractor.initial-snapshot=false",
                        "--pipeline.entities.produtos.source=BACKLOG_PRODUTO",
                        "--pipeline.entities.produtos.chunk-size=" + Integer.getInteger("scale.chunk", 5000))) {
            await().atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                afterGcPeak.accumulateAndGet(heapAfterLastGc(), Math::max);
                return endOffsets(broker, "consinco.produtos") >= rows;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            long maxHeap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
            System.out.printf("SCALE poll backlog: %d rows in %.1f s (%.0f rows/s), max heap %d MB, peak heap pools %d MB,"
                    + " peak live heap after GC %d MB%n", rows, seconds, rows / seconds, maxHeap, peakHeap, afterGcPeak.get() / (1024 * 1024));
            assertThat(endOffsets(broker, "consinco.produtos")).isEqualTo(rows);
        }
    }

    /** Heap still in use after the last collection of each pool: what the program really holds. */
    private static long heapAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static long endOffsets(EmbeddedKafkaBroker broker, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            return end.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
