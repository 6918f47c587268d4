package br.com.cdcplusoft.mapper.join;

import static br.com.cdcplusoft.mapper.join.StreamsFixture.compact;
import static br.com.cdcplusoft.mapper.join.StreamsFixture.header;
import static br.com.cdcplusoft.mapper.join.StreamsFixture.json;
import static br.com.cdcplusoft.mapper.join.StreamsFixture.millis;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The debezium mode end to end under TopologyTestDriver: base-table events as the Oracle connector
 * writes them in, view change events on {@code consinco.<entidade>} and Plusoft payloads out.
 */
class JoinTopologyTest {

    // Camil's rice and beans, Tio João's rice; dates as Debezium writes Oracle DATE
    private static final String MARCA_10 = "{\"SEQMARCA\":10,\"MARCA\":\"Camil\",\"DTAHORALTERACAO\":" + millis("2024-06-01T08:00:00") + "}";
    private static final String MARCA_20 = "{\"SEQMARCA\":20,\"MARCA\":\"Tio João\",\"DTAHORALTERACAO\":null}";
    private static final String FAMILIA_100 = "{\"SEQFAMILIA\":100,\"FAMILIA\":\"ARROZ AGULHINHA TIPO 1\",\"SEQMARCA\":10,"
            + "\"PESAVEL\":\"N\",\"DTAHORALTERACAO\":null}";
    private static final String FAMILIA_200 = "{\"SEQFAMILIA\":200,\"FAMILIA\":\"FEIJAO CARIOCA\",\"SEQMARCA\":10,"
            + "\"PESAVEL\":\"N\",\"DTAHORALTERACAO\":" + millis("2025-01-05T11:00:00") + "}";
    private static final String FAMILIA_300 = "{\"SEQFAMILIA\":300,\"FAMILIA\":\"ARROZ PARBOILIZADO\",\"SEQMARCA\":20,"
            + "\"PESAVEL\":\"N\",\"DTAHORALTERACAO\":null}";

    // a coupon of filial 2 bought by a person with a (synthetic) valid CPF, 123.456.789-09
    private static final String PESSOA_501 = "{\"SEQPESSOA\":501,\"NOMERAZAO\":\"Maria Souza Lima\",\"FANTASIA\":null,"
            + "\"FISICAJURIDICA\":\"F\",\"NROCGCCPF\":123456789,\"DIGCGCCPF\":9,\"SEXO\":\"F\",\"ESTADOCIVIL\":\"C\","
            + "\"DTANASCFUND\":" + millis("1961-07-09T00:00:00") + ",\"EMAIL\":\"maria.501@exemplo.com.br\",\"FONEDDD1\":11,"
            + "\"FONENRO1\":987654321,\"FONEDDD2\":null,\"FONENRO2\":null,\"LOGRADOURO\":\"Rua das Acácias\","
            + "\"NROLOGRADOURO\":\"0120\",\"CMPLTOLOGRADOURO\":null,\"BAIRRO\":\"Centro\",\"CIDADE\":\"São Paulo\",\"UF\":\"SP\","
            + "\"CEP\":1310100,\"STATUS\":\"%s\",\"DTAINCLUSAO\":" + millis("2020-02-03T10:00:00") + ",\"DTAALTERACAO\":"
            + millis("2025-02-01T00:00:00") + ",\"DATAHORAALTERACAO\":" + millis("2025-02-01T16:20:00") + "}";
    private static final String HEADER = "{\"SEQNF\":900001,\"NROEMPRESA\":2,\"NUMERODF\":900001,\"SERIEDF\":\"1\","
            + "\"NROCHECKOUT\":7,\"DTAMOVIMENTO\":" + millis("2025-03-01T00:00:00") + ",\"DTAHOREMISSAO\":"
            + millis("2025-03-01T14:32:00") + ",\"CODGERALOPER\":37,\"SEQPESSOA\":501,\"STATUSDF\":\"%s\",\"DTACANCELAMENTO\":%s,"
            + "\"NROFORMAPAGTO\":3}";
    private static final String ITEM_1 = "{\"SEQNF\":900001,\"SEQPRODUTO\":1,\"QUANTIDADE\":\"1.250\",\"VLRITEM\":\"31.24\","
            + "\"VLRDESCONTO\":null,\"CFOP\":5102}";
    private static final String ITEM_2 = "{\"SEQNF\":900001,\"SEQPRODUTO\":2,\"QUANTIDADE\":\"2.000\",\"VLRITEM\":\"11.80\","
            + "\"VLRDESCONTO\":\"1.00\",\"CFOP\":5102}";

    @TempDir
    Path state;
    private StreamsFixture streams;

    @BeforeEach
    void start() {
        streams = new StreamsFixture(state, PipelineMode.DEBEZIUM);
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    private static String produto(int seq, int familia, String description) {
        return "{\"SEQPRODUTO\":" + seq + ",\"DESCCOMPLETA\":\"" + description + "\",\"DESCREDUZIDA\":\"ARROZ AGULHINHA TIPO 1\","
                + "\"SEQFAMILIA\":" + familia + ",\"DTAHORINCLUSAO\":" + millis("2023-01-10T09:00:00")
                + ",\"DTAHORALTERACAO\":" + millis("2025-02-20T10:15:00") + "}";
    }

    private static String key(String column, long value) {
        return "{\"" + column + "\":" + value + "}";
    }

    private void brandsFamiliesProducts() {
        streams.insert("MAP_MARCA", key("SEQMARCA", 10), MARCA_10);
        streams.insert("MAP_MARCA", key("SEQMARCA", 20), MARCA_20);
        streams.insert("MAP_FAMILIA", key("SEQFAMILIA", 100), FAMILIA_100);
        streams.insert("MAP_FAMILIA", key("SEQFAMILIA", 200), FAMILIA_200);
        streams.insert("MAP_FAMILIA", key("SEQFAMILIA", 300), FAMILIA_300);
        streams.insert("MAP_PRODUTO", key("SEQPRODUTO", 1), produto(1, 100, "Arroz Agulhinha Tipo 1 5kg Camil"));
        streams.insert("MAP_PRODUTO", key("SEQPRODUTO", 2), produto(2, 200, "Feijão Carioca 1kg Camil"));
        streams.insert("MAP_PRODUTO", key("SEQPRODUTO", 3), produto(3, 300, "Arroz Parboilizado 5kg Tio João"));
    }

    private static JsonNode value(TestRecord<String, String> record) {
        return json(record.value());
    }

    @Test
    void productIsJoinedWithItsFamilyAndBrandIntoTheViewRowInTheExtractorsFormat() {
        brandsFamiliesProducts();

        List<TestRecord<String, String>> changes = streams.changes("produtos");

        assertThat(changes).extracting(TestRecord::key)
                .containsExactly("{\"SEQPRODUTO\":1}", "{\"SEQPRODUTO\":2}", "{\"SEQPRODUTO\":3}");
        JsonNode event = value(changes.get(0));
        assertThat(event.get("op").asString()).isEqualTo("c");
        assertThat(event.get("before").isNull()).isTrue();
        assertThat(event.get("after").toString()).isEqualTo(compact("""
                {"SEQPRODUTO":1,"DESCCOMPLETA":"Arroz Agulhinha Tipo 1 5kg Camil","DESCREDUZIDA":"ARROZ AGULHINHA TIPO 1",
                 "SEQFAMILIA":100,"FAMILIA":"ARROZ AGULHINHA TIPO 1","PESAVEL":"N","SEQMARCA":10,"MARCA":"Camil",
                 "DTAHORINCLUSAO":"2023-01-10T09:00:00","DTAHORALTERACAO":"2025-02-20T10:15:00"}"""));
        assertThat(event.get("source").get("table").asString()).isEqualTo("VW_PLUSOFT_PRODUTO");
        assertThat(event.get("source").get("entity").asString()).isEqualTo("produtos");
        List<TestRecord<String, String>> payloads = streams.payloads("produtos");
        assertThat(payloads).hasSize(3);
        assertThat(payloads.get(0).key()).isEqualTo("{\"IDPRODUTO\":1}");
        JsonNode payload = value(payloads.get(0));
        assertThat(payload.get("TXTMARCA").asString()).isEqualTo("Camil");
        assertThat(payload.get("IDMATERIALPAI").intValue()).isEqualTo(100);
        assertThat(payload.get("TXTDESCRICAOMATERIALPAI").asString()).isEqualTo("ARROZ AGULHINHA TIPO 1");
        assertThat(payload.get("UNIDADE").asString()).isEqualTo("UN");
    }

    @Test
    void renamingABrandReEmitsExactlyItsProductsAndMovingAFamilyReEmitsItsOwn() {
        brandsFamiliesProducts();
        streams.changes("produtos");
        streams.payloads("produtos");

        streams.update("MAP_MARCA", key("SEQMARCA", 10), MARCA_10, "{\"SEQMARCA\":10,\"MARCA\":\"Camil Alimentos\","
                + "\"DTAHORALTERACAO\":" + millis("2025-03-01T14:32:00") + "}");

        List<TestRecord<String, String>> renamed = streams.changes("produtos");
        assertThat(renamed).extracting(TestRecord::key).containsExactlyInAnyOrder("{\"SEQPRODUTO\":1}", "{\"SEQPRODUTO\":2}");
        for (TestRecord<String, String> r : renamed) {
            JsonNode event = value(r);
            assertThat(event.get("op").asString()).isEqualTo("u");
            assertThat(event.get("before").get("MARCA").asString()).isEqualTo("Camil");
            assertThat(event.get("after").get("MARCA").asString()).isEqualTo("Camil Alimentos");
            // GREATEST of the product, family and brand change dates
            assertThat(event.get("after").get("DTAHORALTERACAO").asString()).isEqualTo("2025-03-01T14:32:00");
        }
        assertThat(streams.payloads("produtos")).extracting(TestRecord::key, r -> value(r).get("TXTMARCA").asString())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("{\"IDPRODUTO\":1}", "Camil Alimentos"),
                        org.assertj.core.groups.Tuple.tuple("{\"IDPRODUTO\":2}", "Camil Alimentos"));

        streams.update("MAP_FAMILIA", key("SEQFAMILIA", 200), FAMILIA_200, FAMILIA_200.replace("\"SEQMARCA\":10", "\"SEQMARCA\":20"));

        List<TestRecord<String, String>> moved = streams.changes("produtos");
        assertThat(moved).extracting(TestRecord::key).containsExactly("{\"SEQPRODUTO\":2}");
        assertThat(value(moved.get(0)).get("after").get("MARCA").asString()).isEqualTo("Tio João");
        assertThat(value(moved.get(0)).get("after").get("SEQMARCA").intValue()).isEqualTo(20);
    }

    @Test
    void productWithoutFamilyIsAViewRowWithNullsAndTheFamilyCompletesItWhenItArrives() {
        streams.insert("MAP_PRODUTO", key("SEQPRODUTO", 4), produto(4, 400, "Arroz Integral 1kg"));
        streams.insert("MAP_PRODUTO", key("SEQPRODUTO", 5), produto(5, 400, "Arroz Integral 5kg").replace("\"SEQFAMILIA\":400", "\"SEQFAMILIA\":null"));

        List<TestRecord<String, String>> alone = streams.changes("produtos");
        assertThat(alone).extracting(TestRecord::key).containsExactlyInAnyOrder("{\"SEQPRODUTO\":4}", "{\"SEQPRODUTO\":5}");
        for (TestRecord<String, String> r : alone) {
            JsonNode after = value(r).get("after");
            assertThat(after.get("FAMILIA").isNull()).isTrue();
            assertThat(after.get("MARCA").isNull()).isTrue();
            assertThat(after.get("DTAHORALTERACAO").asString()).isEqualTo("2025-02-20T10:15:00");
        }

        streams.insert("MAP_FAMILIA", key("SEQFAMILIA", 400), "{\"SEQFAMILIA\":400,\"FAMILIA\":\"ARROZ INTEGRAL\","
                + "\"SEQMARCA\":null,\"PESAVEL\":\"S\",\"DTAHORALTERACAO\":" + millis("2025-02-28T07:00:00") + "}");

        List<TestRecord<String, String>> completed = streams.changes("produtos");
        assertThat(completed).extracting(TestRecord::key).containsExactly("{\"SEQPRODUTO\":4}");
        JsonNode after = value(completed.get(0)).get("after");
        assertThat(after.get("FAMILIA").asString()).isEqualTo("ARROZ INTEGRAL");
        assertThat(after.get("MARCA").isNull()).isTrue();
        assertThat(after.get("DTAHORALTERACAO").asString()).isEqualTo("2025-02-28T07:00:00");
        List<TestRecord<String, String>> payloads = streams.payloads("produtos");
        assertThat(value(payloads.get(payloads.size() - 1)).get("UNIDADE").asString()).isEqualTo("KG");
    }

    @Test
    void couponItemsWaitForTheirHeaderAndCancellingTheCouponReEmitsEveryItem() {
        streams.insert("MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":1}", ITEM_1);
        streams.insert("MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":2}", ITEM_2);
        streams.insert("GE_PESSOA", key("SEQPESSOA", 501), PESSOA_501.formatted("A"));
        assertThat(streams.changes("vendas")).as("an item without its header is not a sale").isEmpty();

        streams.insert("MFL_DOCTOFISCAL", key("SEQNF", 900001), HEADER.formatted("V", "null"));

        List<TestRecord<String, String>> sold = streams.changes("vendas");
        assertThat(sold).extracting(TestRecord::key)
                .containsExactlyInAnyOrder("{\"SEQNF\":900001,\"SEQPRODUTO\":1}", "{\"SEQNF\":900001,\"SEQPRODUTO\":2}");
        JsonNode item1 = sold.stream().filter(r -> r.key().endsWith(":1}")).map(JoinTopologyTest::value).findFirst().orElseThrow();
        assertThat(item1.get("after").toString()).isEqualTo(compact("""
                {"SEQNF":900001,"SEQPRODUTO":1,"NROEMPRESA":2,"NUMERODF":900001,"SERIEDF":"1","NROCHECKOUT":7,
                 "DTAMOVIMENTO":"2025-03-01T00:00:00","DTAHOREMISSAO":"2025-03-01T14:32:00","CODGERALOPER":37,"SEQPESSOA":501,
                 "FISICAJURIDICA":"F","NROCGCCPF":123456789,"DIGCGCCPF":9,"STATUSDF":"V","DTACANCELAMENTO":null,
                 "NROFORMAPAGTO":3,"QUANTIDADE":1.250,"VLRITEM":31.24,"VLRDESCONTO":null,"CFOP":5102,
                 "DTAHORALTERACAO":"2025-03-01T14:32:00"}"""));
        List<TestRecord<String, String>> payloads = streams.payloads("vendas");
        assertThat(payloads).hasSize(2);
        JsonNode payload = payloads.stream().filter(r -> r.key().equals("{\"IDCUPOM\":900001,\"IDPRODUTO\":1}"))
                .map(JoinTopologyTest::value).findFirst().orElseThrow();
        assertThat(payload.get("IDPESSOA").asString()).isEqualTo("12345678909");
        assertThat(payload.get("NUMQTDVENDIDA").decimalValue()).isEqualByComparingTo("1.250");
        assertThat(payload.get("VLRPRECOVENDAUNITARIO").decimalValue()).isEqualByComparingTo("24.99");
        assertThat(payload.get("DATVENDA").asString()).isEqualTo("2025-03-01T14:32:00-03:00");
        assertThat(payload.get("TXTTIPOVENDA").asString()).isEqualTo("VENDA");

        streams.update("MFL_DOCTOFISCAL", key("SEQNF", 900001), HEADER.formatted("V", "null"),
                HEADER.formatted("C", millis("2025-03-01T14:40:00")));

        List<TestRecord<String, String>> cancelled = streams.changes("vendas");
        assertThat(cancelled).hasSize(2).allSatisfy(r -> {
            assertThat(value(r).get("op").asString()).isEqualTo("u");
            assertThat(value(r).get("after").get("STATUSDF").asString()).isEqualTo("C");
            assertThat(value(r).get("after").get("DTAHORALTERACAO").asString()).isEqualTo("2025-03-01T14:40:00");
        });
        assertThat(streams.payloads("vendas")).hasSize(2)
                .allSatisfy(r -> assertThat(value(r).get("TXTTIPOVENDA").asString()).isEqualTo("CANCELADA"));
    }

    @Test
    void deletesReachPlusoftAsTombstonesWhetherTheRowOrItsInnerJoinPartnerGoes() {
        brandsFamiliesProducts();
        streams.changes("produtos");
        streams.payloads("produtos");

        streams.delete("MAP_PRODUTO", key("SEQPRODUTO", 3), produto(3, 300, "Arroz Parboilizado 5kg Tio João"));

        List<TestRecord<String, String>> changes = streams.changes("produtos");
        assertThat(changes).extracting(TestRecord::key).containsExactly("{\"SEQPRODUTO\":3}", "{\"SEQPRODUTO\":3}");
        assertThat(value(changes.get(0)).get("op").asString()).isEqualTo("d");
        assertThat(value(changes.get(0)).get("before").get("MARCA").asString()).as("the last before image").isEqualTo("Tio João");
        assertThat(changes.get(1).value()).as("tombstone, as Debezium follows a delete").isNull();
        List<TestRecord<String, String>> payloads = streams.payloads("produtos");
        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).key()).isEqualTo("{\"IDPRODUTO\":3}");
        assertThat(payloads.get(0).value()).isNull();

        // deleting a brand only empties the brand columns: a left join keeps the products
        streams.delete("MAP_MARCA", key("SEQMARCA", 20), MARCA_20);
        assertThat(streams.changes("produtos")).isEmpty();

        streams.insert("MFL_DOCTOFISCAL", key("SEQNF", 900001), HEADER.formatted("V", "null"));
        streams.insert("MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":1}", ITEM_1);
        streams.insert("MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":2}", ITEM_2);
        streams.payloads("vendas");

        streams.delete("MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":2}", ITEM_2);
        assertThat(streams.payloads("vendas")).extracting(TestRecord::key, TestRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("{\"IDCUPOM\":900001,\"IDPRODUTO\":2}", null));

        streams.delete("MFL_DOCTOFISCAL", key("SEQNF", 900001), HEADER.formatted("V", "null"));
        assertThat(streams.payloads("vendas")).extracting(TestRecord::key, TestRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("{\"IDCUPOM\":900001,\"IDPRODUTO\":1}", null));
    }

    @Test
    void customerLeavingStatusAIsDeletedAtPlusoftUnderItsCpfAndComesBackWhenActiveAgain() {
        streams.insert("GE_PESSOA", key("SEQPESSOA", 501), PESSOA_501.formatted("A"));
        assertThat(streams.changes("clientes")).as("a person without the customer role is not a customer").isEmpty();
        streams.insert("MRL_CLIENTE", key("SEQPESSOA", 501), "{\"SEQPESSOA\":501,\"STATUSCLIENTE\":\"A\",\"DTACADASTRO\":"
                + millis("2020-02-03T10:05:00") + "}");

        List<TestRecord<String, String>> added = streams.changes("clientes");
        assertThat(added).hasSize(1);
        JsonNode after = value(added.get(0)).get("after");
        assertThat(after.get("DTACADASTRO").asString()).isEqualTo("2020-02-03T10:05:00");
        assertThat(after.get("NROLOGRADOURO").asString()).as("a text column of digits stays text").isEqualTo("0120");
        assertThat(after.get("DTANASCFUND").asString()).as("dates before 1970").isEqualTo("1961-07-09T00:00:00");
        assertThat(after.get("DTAHORALTERACAO").asString()).isEqualTo("2025-02-01T16:20:00");
        assertThat(streams.payloads("clientes")).extracting(TestRecord::key).containsExactly("{\"IDPESSOA\":\"12345678909\"}");

        streams.update("GE_PESSOA", key("SEQPESSOA", 501), PESSOA_501.formatted("A"), PESSOA_501.formatted("I"));

        List<TestRecord<String, String>> left = streams.changes("clientes");
        assertThat(value(left.get(0)).get("op").asString()).isEqualTo("d");
        assertThat(value(left.get(0)).get("before").get("STATUS").asString()).isEqualTo("A");
        assertThat(streams.payloads("clientes")).extracting(TestRecord::key, TestRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("{\"IDPESSOA\":\"12345678909\"}", null));

        streams.update("GE_PESSOA", key("SEQPESSOA", 501), PESSOA_501.formatted("I"), PESSOA_501.formatted("A"));

        assertThat(streams.changes("clientes")).extracting(r -> value(r).get("op").asString()).containsExactly("c");
        assertThat(streams.payloads("clientes")).hasSize(1).allSatisfy(r -> assertThat(r.value()).isNotNull());
    }

    @Test
    void filialTakesItsAddressNumberFromItsPessoaAndAPessoaChangeOutsideTheViewEmitsNothing() {
        String pessoa = "{\"SEQPESSOA\":2,\"NOMERAZAO\":\"Supermercados Bom Preço S.A.\",\"FISICAJURIDICA\":\"J\","
                + "\"NROLOGRADOURO\":\"405\",\"CMPLTOLOGRADOURO\":\"Loja A\",\"EMAIL\":\"%s\",\"STATUS\":\"A\","
                + "\"DATAHORAALTERACAO\":" + millis("2025-01-15T09:30:00") + "}";
        streams.insert("GE_PESSOA", key("SEQPESSOA", 2), pessoa.formatted("loja2@exemplo.com.br"));
        streams.insert("MAX_EMPRESA", key("NROEMPRESA", 2), "{\"NROEMPRESA\":2,\"NOMEREDUZIDO\":\"LOJA 2 SAO PAUL\","
                + "\"RAZAOSOCIAL\":\"Supermercados Bom Preço S.A. - Filial São Paulo\",\"NROCGC\":123456780002,\"DIGCGC\":76,"
                + "\"SEQPESSOAEMP\":2,\"ENDERECO\":\"Rua São Bento, 405\",\"BAIRRO\":\"Centro\",\"CIDADE\":\"São Paulo\","
                + "\"UF\":\"SP\",\"CEP\":1310100,\"NROMETRO2LOJA\":\"1250.50\",\"DTAINAUGURACAO\":" + millis("1998-04-15T00:00:00")
                + ",\"STATUS\":\"A\"}");

        List<TestRecord<String, String>> changes = streams.changes("filiais");
        assertThat(changes).hasSize(1);
        assertThat(value(changes.get(0)).get("after").toString()).isEqualTo(compact("""
                {"NROEMPRESA":2,"NOMEREDUZIDO":"LOJA 2 SAO PAUL","RAZAOSOCIAL":"Supermercados Bom Preço S.A. - Filial São Paulo",
                 "NROCGC":123456780002,"DIGCGC":76,"ENDERECO":"Rua São Bento, 405","NROLOGRADOURO":"405",
                 "CMPLTOLOGRADOURO":"Loja A","BAIRRO":"Centro","CIDADE":"São Paulo","UF":"SP","CEP":1310100,
                 "NROMETRO2LOJA":1250.50,"DTAINAUGURACAO":"1998-04-15T00:00:00","STATUS":"A",
                 "DTAHORALTERACAO":"2025-01-15T09:30:00"}"""));
        assertThat(value(streams.payloads("filiais").get(0)).get("NUMNUMERO").asString()).isEqualTo("405");

        streams.update("GE_PESSOA", key("SEQPESSOA", 2), pessoa.formatted("loja2@exemplo.com.br"),
                pessoa.formatted("contato.loja2@exemplo.com.br"));

        assertThat(streams.changes("filiais")).as("no view column changed").isEmpty();
        assertThat(streams.payloads("filiais")).isEmpty();
    }

    @Test
    void incrementalSnapshotRowsAreForcedAndResentWhileAnInitialSnapshotRereadIsNot() {
        brandsFamiliesProducts();
        streams.changes("produtos");
        streams.payloads("produtos");

        streams.snapshot("MAP_PRODUTO", key("SEQPRODUTO", 1), produto(1, 100, "Arroz Agulhinha Tipo 1 5kg Camil"));
        assertThat(streams.changes("produtos")).as("the same row read again").isEmpty();

        streams.resync("MAP_PRODUTO", key("SEQPRODUTO", 1), produto(1, 100, "Arroz Agulhinha Tipo 1 5kg Camil"));

        List<TestRecord<String, String>> changes = streams.changes("produtos");
        assertThat(changes).hasSize(1);
        JsonNode event = value(changes.get(0));
        assertThat(event.get("op").asString()).isEqualTo("u");
        assertThat(event.get("source").get("forced").booleanValue()).isTrue();
        assertThat(event.get("source").get("snapshot").asString()).isEqualTo("incremental");
        assertThat(header(changes.get(0), PipelineHeaders.FORCED)).isEqualTo("true");
        List<TestRecord<String, String>> payloads = streams.payloads("produtos");
        assertThat(payloads).as("unchanged, but a re-sync sends it").hasSize(1);
        assertThat(header(payloads.get(0), PipelineHeaders.FORCED)).isEqualTo("true");

        // a re-sync of coupon headers re-sends their items through the foreign-key join
        streams.insert("MFL_DOCTOFISCAL", key("SEQNF", 900001), HEADER.formatted("V", "null"));
        streams.insert("MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":1}", ITEM_1);
        streams.insert("MFL_DFITEM", "{\"SEQNF\":900001,\"SEQPRODUTO\":2}", ITEM_2);
        streams.payloads("vendas");
        streams.resync("MFL_DOCTOFISCAL", key("SEQNF", 900001), HEADER.formatted("V", "null"));
        assertThat(streams.payloads("vendas")).hasSize(2)
                .allSatisfy(r -> assertThat(header(r, PipelineHeaders.FORCED)).isEqualTo("true"));

        // the next ordinary change of the same row is not forced any more
        streams.update("MAP_MARCA", key("SEQMARCA", 10), MARCA_10, MARCA_10.replace("Camil", "Camil Alimentos"));
        assertThat(streams.changes("produtos")).hasSize(2)
                .allSatisfy(r -> {
                    assertThat(value(r).get("source").path("forced").asBoolean(false)).isFalse();
                    assertThat(header(r, PipelineHeaders.FORCED)).isNull();
                });
    }

    @Test
    void unreadableBaseRecordsAreDeadLetteredAndTheTableCarriesOn() {
        streams.sendRaw("MAP_PRODUTO", key("SEQPRODUTO", 7), "not json");
        streams.sendRaw("MAP_PRODUTO", "{\"SEQPRODUTO\":\"7a\"}", StreamsFixture.envelope("MAP_PRODUTO", "c", null,
                json(produto(7, 100, "Arroz 1kg")), "false").toString());
        streams.sendRaw("MAP_PRODUTO", "\u0000binary", StreamsFixture.envelope("MAP_PRODUTO", "c", null,
                json(produto(7, 100, "Arroz 1kg")), "false").toString());
        streams.sendRaw("MAP_PRODUTO", key("SEQPRODUTO", 7), "{\"op\":\"u\",\"before\":null,\"after\":null}");
        streams.insert("MAP_PRODUTO", key("SEQPRODUTO", 8), produto(8, 100, "Arroz 2kg"));

        List<TestRecord<String, String>> dead = streams.baseDeadLetters("MAP_PRODUTO");
        assertThat(dead).extracting(r -> value(r).get("reason").asString()).containsExactly(
                "value is not a readable change event: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "key is not MAP_PRODUTO's primary key [SEQPRODUTO] with whole-number values (converter with schemas off): joins could not find it",
                "key is missing or not JSON; MAP_PRODUTO rows are keyed by [SEQPRODUTO] as JSON",
                "op u event has no 'after' row");
        JsonNode first = value(dead.get(0));
        assertThat(first.get("entity").asString()).isEqualTo("MAP_PRODUTO");
        assertThat(first.get("topic").asString()).isEqualTo("consinco.base.MAP_PRODUTO");
        assertThat(first.get("encoding").asString()).isEqualTo("base64");
        assertThat(streams.changes("produtos")).extracting(TestRecord::key).containsExactly("{\"SEQPRODUTO\":8}");
    }

    @Test
    void numericKeysWrittenAsStringsOrDecimalsMeetTheForeignKeysOfTheJoins() {
        // Debezium without legacy.decimal.handling.strategy (or an unconstrained NUMBER key): "10", 100.0
        streams.sendRaw("MAP_MARCA", "{\"SEQMARCA\":\"10\"}", StreamsFixture.envelope("MAP_MARCA", "c", null, json(MARCA_10), "false").toString());
        streams.sendRaw("MAP_FAMILIA", "{\"SEQFAMILIA\":100.0}", StreamsFixture.envelope("MAP_FAMILIA", "c", null,
                json(FAMILIA_100.replace("\"SEQMARCA\":10", "\"SEQMARCA\":\"10\"")), "false").toString());
        streams.sendRaw("MAP_PRODUTO", "{\"SEQPRODUTO\":\"1\"}", StreamsFixture.envelope("MAP_PRODUTO", "c", null,
                json(produto(1, 100, "Arroz Agulhinha Tipo 1 5kg Camil").replace("\"SEQPRODUTO\":1", "\"SEQPRODUTO\":\"1\"")), "false").toString());

        List<TestRecord<String, String>> changes = streams.changes("produtos");
        assertThat(changes).extracting(TestRecord::key).as("the JDBC mode's key bytes").containsOnly("{\"SEQPRODUTO\":1}");
        JsonNode after = value(changes.get(changes.size() - 1)).get("after");
        assertThat(after.get("SEQPRODUTO").isIntegralNumber()).isTrue();
        assertThat(after.get("FAMILIA").asString()).as("found through the foreign key").isEqualTo("ARROZ AGULHINHA TIPO 1");
        assertThat(after.get("MARCA").asString()).isEqualTo("Camil");
        assertThat(streams.baseDeadLetters("MAP_PRODUTO")).isEmpty();
        assertThat(streams.baseDeadLetters("MAP_FAMILIA")).isEmpty();
    }

    @Test
    void rowsOfAnIncrementalSnapshotCarryTheRunThatAskedForIt() {
        brandsFamiliesProducts();
        streams.changes("produtos");
        streams.payloads("produtos");

        streams.notification("produtos-20250301T143200-1a2b3c4d", "STARTED", "MAP_PRODUTO");
        streams.resync("MAP_PRODUTO", key("SEQPRODUTO", 1), produto(1, 100, "Arroz Agulhinha Tipo 1 5kg Camil"));
        streams.notification("produtos-20250301T143200-1a2b3c4d", "COMPLETED", "MAP_PRODUTO");
        // a row of the same snapshot still on its way through the joins when COMPLETED overtook it
        streams.resync("MAP_PRODUTO", key("SEQPRODUTO", 2), produto(2, 200, "Feijão Carioca 1kg Camil"));

        List<TestRecord<String, String>> changes = streams.changes("produtos");
        assertThat(changes).hasSize(2).allSatisfy(r ->
                assertThat(value(r).get("source").get("run_id").asString()).isEqualTo("produtos-20250301T143200-1a2b3c4d"));
        assertThat(streams.payloads("produtos")).hasSize(2).allSatisfy(r -> {
            assertThat(StreamsFixture.header(r, PipelineHeaders.RUN_ID)).isEqualTo("produtos-20250301T143200-1a2b3c4d");
            assertThat(StreamsFixture.header(r, PipelineHeaders.FORCED)).isEqualTo("true");
        });

        // an ordinary change belongs to no run; an aborted snapshot's table is forgotten
        streams.update("MAP_MARCA", key("SEQMARCA", 20), MARCA_20, MARCA_20.replace("Tio João", "Tio João Alimentos"));
        assertThat(streams.changes("produtos")).singleElement()
                .satisfies(r -> assertThat(value(r).get("source").path("run_id").isMissingNode() || value(r).get("source").get("run_id").isNull()).isTrue());
        streams.notification("produtos-20250301T150000-5e6f7a8b", "STARTED", "MAP_PRODUTO");
        streams.notification("produtos-20250301T150000-5e6f7a8b", "ABORTED", "MAP_PRODUTO");
        streams.resync("MAP_PRODUTO", key("SEQPRODUTO", 3), produto(3, 300, "Arroz Parboilizado 5kg Tio João"));
        assertThat(streams.changes("produtos")).singleElement()
                .satisfies(r -> assertThat(value(r).get("source").path("run_id").asString("")).isEqualTo(""));
    }
}
