package br.com.cdcplusoft.mapper.join;

import static br.com.cdcplusoft.mapper.join.StreamsFixture.envelope;
import static br.com.cdcplusoft.mapper.join.StreamsFixture.json;
import static br.com.cdcplusoft.mapper.join.StreamsFixture.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.mapper.MapperApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * The application in debezium mode on a real in-process KRaft broker, exactly-once, RocksDB: it
 * creates the base-table topics (three partitions each) and its join topics itself, and base-table
 * events written as the Debezium connector writes them (keys hashed by the producer's partitioner)
 * reach the Plusoft topics through foreign-key joins across partitions.
 */
@SpringBootTest(classes = MapperApplication.class, properties = {
        "spring.config.name=" + MapperApplication.CONFIG_NAME,
        "mapper.mode=debezium",
        "mapper.state-dir=target/it-streams/${random.uuid}"})
@EmbeddedKafka(count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers", brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "auto.create.topics.enable=false", "group.initial.rebalance.delay.ms=0"})
// closed after the class, while the broker still runs: at JVM exit Kafka's test utilities delete the
// broker's log directory concurrently with the context's shutdown, and a Streams commit then hangs
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebeziumModeIT {

    private static final List<String> BRANDS = List.of("Camil", "Tio João", "União");

    @Autowired
    KafkaProperties kafka;

    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private KafkaConsumer<String, String> consumer;
    private Thread reader;
    private volatile boolean reading = true;

    @BeforeAll
    void readPayloads() {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "debezium-it-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("plusoft.produtos", "plusoft.clientes", "plusoft.vendas"));
        reader = new Thread(() -> {
            while (reading) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
            consumer.close();
        }, "debezium-it-reader");
        reader.start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        reading = false;
        reader.join(10_000);
    }

    @Test
    void baseTableChangesReachPlusoftThroughTheJoinsAcrossPartitions() {
        // 3 brands, 6 families (brand 1 + f % 3), 12 products (family 10 + p % 6): spread over 3 partitions each
        try (KafkaProducer<String, String> producer = producer()) {
            for (int m = 1; m <= 3; m++) {
                send(producer, "MAP_MARCA", "{\"SEQMARCA\":" + m + "}", "c", null,
                        "{\"SEQMARCA\":" + m + ",\"MARCA\":\"" + BRANDS.get(m - 1) + "\",\"DTAHORALTERACAO\":null}", "false");
            }
            for (int f = 10; f < 16; f++) {
                send(producer, "MAP_FAMILIA", "{\"SEQFAMILIA\":" + f + "}", "c", null, familia(f), "false");
            }
            for (int p = 100; p < 112; p++) {
                send(producer, "MAP_PRODUTO", "{\"SEQPRODUTO\":" + p + "}", "c", null, produto(p), "false");
            }
            send(producer, "GE_PESSOA", "{\"SEQPESSOA\":501}", "c", null, pessoa("A"), "false");
            send(producer, "MRL_CLIENTE", "{\"SEQPESSOA\":501}", "c", null,
                    "{\"SEQPESSOA\":501,\"STATUSCLIENTE\":\"A\",\"DTACADASTRO\":null}", "false");
            send(producer, "MFL_DOCTOFISCAL", "{\"SEQNF\":900001}", "c", null, header("V"), "false");
            send(producer, "MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":100}", "c", null, item(100), "false");
            send(producer, "MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":101}", "c", null, item(101), "false");
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<String, ObjectNode> produtos = latest("plusoft.produtos");
            assertThat(produtos).hasSize(12);
            IntStream.range(100, 112).forEach(p -> assertThat(produtos.get("{\"IDPRODUTO\":" + p + "}").get("TXTMARCA").asString())
                    .as("product " + p).isEqualTo(BRANDS.get(brandOf(p) - 1)));
            assertThat(latest("plusoft.clientes")).containsOnlyKeys("{\"IDPESSOA\":\"12345678909\"}");
            assertThat(latest("plusoft.vendas")).hasSize(2).allSatisfy((k, v) ->
                    assertThat(v.get("TXTTIPOVENDA").asString()).isEqualTo("VENDA"));
        });
        Set<String> ofBrand1 = IntStream.range(100, 112).filter(p -> brandOf(p) == 1)
                .mapToObj(p -> "{\"IDPRODUTO\":" + p + "}").collect(Collectors.toSet());
        int before = records("plusoft.produtos").size();

        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, "MAP_MARCA", "{\"SEQMARCA\":1}", "u", "{\"SEQMARCA\":1,\"MARCA\":\"Camil\",\"DTAHORALTERACAO\":null}",
                    "{\"SEQMARCA\":1,\"MARCA\":\"Camil Alimentos\",\"DTAHORALTERACAO\":" + millis("2025-03-01T14:32:00") + "}", "false");
            send(producer, "MFL_DOCTOFISCAL", "{\"SEQNF\":900001}", "u", header("V"), header("C"), "false");
            send(producer, "GE_PESSOA", "{\"SEQPESSOA\":501}", "u", pessoa("A"), pessoa("I"), "false");
            send(producer, "MAP_PRODUTO", "{\"SEQPRODUTO\":111}", "d", produto(111), null, "false");
            send(producer, "MAP_PRODUTO", "{\"SEQPRODUTO\":111}", null, null, null, null);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> renamed = records("plusoft.produtos").subList(before, records("plusoft.produtos").size())
                    .stream().filter(r -> r.value() != null).toList();
            assertThat(renamed).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ofBrand1);
            assertThat(renamed).allSatisfy(r -> assertThat(json(r.value()).get("TXTMARCA").asString()).isEqualTo("Camil Alimentos"));
            assertThat(latest("plusoft.produtos")).doesNotContainKey("{\"IDPRODUTO\":111}").hasSize(11);
            assertThat(latest("plusoft.vendas")).hasSize(2).allSatisfy((k, v) ->
                    assertThat(v.get("TXTTIPOVENDA").asString()).isEqualTo("CANCELADA"));
            assertThat(latest("plusoft.clientes")).as("left status A: deleted at Plusoft").isEmpty();
        });

        // a re-sync (Debezium incremental snapshot) re-sends an unchanged row, marked forced
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, "MAP_PRODUTO", "{\"SEQPRODUTO\":105}", "r", null, produto(105), "incremental");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(records("plusoft.produtos"))
                .filteredOn(r -> r.key().equals("{\"IDPRODUTO\":105}") && r.headers().lastHeader(PipelineHeaders.FORCED) != null)
                .singleElement()
                .satisfies(r -> assertThat(new String(r.headers().lastHeader(PipelineHeaders.FORCED).value())).isEqualTo("true")));
    }

    private static int brandOf(int produto) {
        return 1 + (10 + produto % 6) % 3;
    }

    private static String familia(int f) {
        return "{\"SEQFAMILIA\":" + f + ",\"FAMILIA\":\"FAMILIA " + f + "\",\"SEQMARCA\":" + (1 + f % 3)
                + ",\"PESAVEL\":\"N\",\"DTAHORALTERACAO\":null}";
    }

    private static String produto(int p) {
        return "{\"SEQPRODUTO\":" + p + ",\"DESCCOMPLETA\":\"Produto " + p + "\",\"DESCREDUZIDA\":\"PRODUTO " + p + "\","
                + "\"SEQFAMILIA\":" + (10 + p % 6) + ",\"DTAHORINCLUSAO\":" + millis("2024-01-10T09:00:00")
                + ",\"DTAHORALTERACAO\":null}";
    }

    private static String pessoa(String status) {
        return "{\"SEQPESSOA\":501,\"NOMERAZAO\":\"Maria Souza Lima\",\"FISICAJURIDICA\":\"F\",\"NROCGCCPF\":123456789,"
                + "\"DIGCGCCPF\":9,\"STATUS\":\"" + status + "\",\"DATAHORAALTERACAO\":" + millis("2025-02-01T16:20:00") + "}";
    }

    private static String header(String status) {
        return "{\"SEQNF\":900001,\"NROEMPRESA\":2,\"NUMERODF\":900001,\"SERIEDF\":\"1\",\"DTAMOVIMENTO\":"
                + millis("2025-03-01T00:00:00") + ",\"DTAHOREMISSAO\":" + millis("2025-03-01T14:32:00")
                + ",\"SEQPESSOA\":501,\"STATUSDF\":\"" + status + "\",\"DTACANCELAMENTO\":null,\"NROFORMAPAGTO\":3}";
    }

    private static String item(int produto) {
        return "{\"SEQNF\":900001,\"SEQPRODUTO\":" + produto + ",\"QUANTIDADE\":\"2.000\",\"VLRITEM\":\"11.80\","
                + "\"VLRDESCONTO\":null,\"CFOP\":5102}";
    }

    /** A record as the connector writes it; a null op is the tombstone after a delete. */
    private static void send(KafkaProducer<String, String> producer, String table, String key, String op, String before,
                             String after, String snapshot) {
        String value = op == null ? null : envelope(table, op, json(before), json(after), snapshot).toString();
        producer.send(new ProducerRecord<>("consinco.base." + table, key, value));
    }

    private KafkaProducer<String, String> producer() {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private List<ConsumerRecord<String, String>> records(String topic) {
        return new ArrayList<>(received.stream().filter(r -> r.topic().equals(topic)).toList());
    }

    /** The latest payload per key, deletes applied. */
    private Map<String, ObjectNode> latest(String topic) {
        Map<String, ObjectNode> state = new java.util.LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records(topic)) {
            if (r.value() == null) {
                state.remove(r.key());
            } else {
                state.put(r.key(), (ObjectNode) Json.mapper().readTree(r.value()));
            }
        }
        return state;
    }
}
