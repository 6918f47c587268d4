package br.com.cdcplusoft.mapper.topology;

import static br.com.cdcplusoft.mapper.topology.TopologyFixture.compact;
import static br.com.cdcplusoft.mapper.topology.TopologyFixture.json;
import static br.com.cdcplusoft.mapper.topology.TopologyFixture.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each entity's default spec, end to end through the topology: realistic rows in, exact Plusoft JSON out. */
class EntityPayloadsTest {

    @TempDir
    Path state;
    private TopologyFixture mapper;

    @BeforeEach
    void start() {
        mapper = new TopologyFixture(state);
    }

    @AfterEach
    void stop() {
        mapper.close();
    }

    @Test
    void filial() {
        mapper.send("filiais", json("{\"NROEMPRESA\":2}"), upsert(json("""
                {"NROEMPRESA":2,"NOMEREDUZIDO":"LOJA 2 SAO PAUL","RAZAOSOCIAL":"Supermercados Bom Preço S.A. - Filial São Paulo",
                 "NROCGC":123456780002,"DIGCGC":76,"ENDERECO":"Rua São Bento, 405","NROLOGRADOURO":"405","CMPLTOLOGRADOURO":null,
                 "BAIRRO":"Centro","CIDADE":"São Paulo","UF":"sp","CEP":1310100,"NROMETRO2LOJA":1250.5,
                 "DTAINAUGURACAO":"1998-04-15T00:00:00","STATUS":"A","DTAHORALTERACAO":"2025-03-01T14:32:00"}""")));

        List<TestRecord<String, String>> out = mapper.payloads("filiais");

        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("{\"IDFILIAL\":2}");
        assertThat(out.get(0).value()).isEqualTo(compact("""
                {"IDFILIAL":2,
                 "TXTNOMEFANTASIA":"LOJA 2 SAO PAUL",
                 "DATABERTURA":"1998-04-15",
                 "TXTTIPOLOGRADOURO":null,
                 "TXTLOGRADOURO":"Rua São Bento, 405",
                 "NUMNUMERO":"405",
                 "TXTCOMPLEMENTO":null,
                 "TXTBAIRRO":"Centro",
                 "TXTCIDADE":"São Paulo",
                 "NUMCEP":"01310100",
                 "TXTUF":"SP",
                 "NUMLAT":null,
                 "NUMLONG":null,
                 "TXTTIPOFILIAL":null,
                 "IDREGIONAL":null,
                 "TXTREGIONAL":null,
                 "TXTCLUSTER":null,
                 "NUMMETRAGEM":1250.50,
                 "NUMAREAVENDA":null,
                 "QTDFUNCIONARIOS":null,
                 "TXTFRANQUIA":null,
                 "FLGATIVA":1,
                 "TXTCANALATENDIMENTO":null,
                 "TXTCPFCNPJ":"12345678000276"}"""));
    }

    @Test
    void inactiveFilialIsFlaggedZero() {
        mapper.send("filiais", json("{\"NROEMPRESA\":17}"), upsert(json("""
                {"NROEMPRESA":17,"NOMEREDUZIDO":"LOJA 17","NROCGC":null,"DIGCGC":null,"CEP":null,"STATUS":"I"}""")));

        assertThat(json(mapper.payloads("filiais").get(0).value()).get("FLGATIVA").intValue()).isZero();
    }

    @Test
    void produto() {
        mapper.send("produtos", json("{\"SEQPRODUTO\":10}"), upsert(json("""
                {"SEQPRODUTO":10,"DESCCOMPLETA":"Feijão Carioca 1kg Camil \\t","DESCREDUZIDA":" feijao carioca ",
                 "SEQFAMILIA":7,"FAMILIA":"FEIJÃO CARIOCA","PESAVEL":"N","SEQMARCA":2,"MARCA":"Camil",
                 "DTAHORINCLUSAO":"2024-05-02T09:15:00","DTAHORALTERACAO":"2025-03-01T14:32:00"}""")));

        List<TestRecord<String, String>> out = mapper.payloads("produtos");

        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("{\"IDPRODUTO\":10}");
        assertThat(out.get(0).value()).isEqualTo(compact("""
                {"IDPRODUTO":10,
                 "TXTDESCRICAOCOMPLETA":"Feijão Carioca 1kg Camil",
                 "TXTDESCRICAORESUMIDA":"FEIJAO CARIOCA",
                 "UNIDADE":"UN",
                 "TXTDEPTO":null,
                 "TXTSECAO":null,
                 "TXTCATEGORIA":null,
                 "TXTGRUPO":null,
                 "TXTSUBGRUPO":null,
                 "TXTMARCA":"Camil",
                 "TXTFABRICANTE":null,
                 "FLGMARCAPROPRIA":null,
                 "FLGPORDUTOSAZONAL":null,
                 "FLGSERVICO":null,
                 "IDMATERIALPAI":7,
                 "TXTDESCRICAOMATERIALPAI":"FEIJÃO CARIOCA",
                 "IDFORNECEDOR":null,
                 "TXTNOMEFORNECEDOR":null}"""));
    }

    @Test
    void weighedProdutoFromADebeziumEventWithSchemasAndStringDecimals() {
        String event = """
                {"schema":{"type":"struct"},"payload":{"before":null,"op":"c","ts_ms":1,
                 "source":{"connector":"oracle","snapshot":"false","table":"VW_PLUSOFT_PRODUTO"},
                 "after":{"SEQPRODUTO":"11","DESCCOMPLETA":"Picanha Bovina","DESCREDUZIDA":null,"SEQFAMILIA":"3.0",
                          "FAMILIA":"PICANHA BOVINA","PESAVEL":"S","SEQMARCA":"14","MARCA":"Seara",
                          "DTAHORINCLUSAO":1714641300000,"DTAHORALTERACAO":1740839520000}}}""";
        mapper.sendRaw("produtos", "{\"schema\":{},\"payload\":{\"SEQPRODUTO\":\"11\"}}".getBytes(StandardCharsets.UTF_8),
                event.getBytes(StandardCharsets.UTF_8));

        List<TestRecord<String, String>> out = mapper.payloads("produtos");

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("{\"IDPRODUTO\":11}");
            assertThat(json(r.value()).get("UNIDADE").asString()).isEqualTo("KG");
            assertThat(json(r.value()).get("IDMATERIALPAI").intValue()).isEqualTo(3);
            assertThat(json(r.value()).get("TXTDESCRICAORESUMIDA").isNull()).isTrue();
        });
    }

    @Test
    void cliente() {
        mapper.sendSnapshot("clientes", json("{\"SEQPESSOA\":42}"), json("""
                {"SEQPESSOA":42,"NOMERAZAO":"  Conceição Araújo Brandão\\t","FANTASIA":null,"FISICAJURIDICA":"F",
                 "NROCGCCPF":1234567,"DIGCGCCPF":97,"SEXO":"F","ESTADOCIVIL":"C","DTANASCFUND":"1987-01-10T00:00:00",
                 "EMAIL":" Conceicao.42@Exemplo.com.br ","FONEDDD1":11,"FONENRO1":987654321,"FONEDDD2":11,"FONENRO2":32104567,
                 "LOGRADOURO":"Rua das Acácias","NROLOGRADOURO":"120","CMPLTOLOGRADOURO":"Apto 31","BAIRRO":"Vila Mariana",
                 "CIDADE":"São Paulo","UF":"SP","CEP":4101000,"STATUS":"A","DTACADASTRO":"2019-06-03T10:20:00",
                 "DTAINCLUSAO":"2019-06-03T10:20:00","DTAALTERACAO":"2025-02-28T00:00:00","DTAHORALTERACAO":"2025-02-28T18:05:00"}"""),
                "run-7", false);

        List<TestRecord<String, String>> out = mapper.payloads("clientes");

        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("{\"IDPESSOA\":\"00123456797\"}");
        assertThat(out.get(0).value()).isEqualTo(compact("""
                {"IDPESSOA":"00123456797",
                 "TXTNOMECOMPLETO":"Conceição Araújo Brandão",
                 "TXTESTADOCIVIL":"CASADO",
                 "TXTSEXO":"F",
                 "DATNASCIMENTO":"1987-01-10",
                 "DATULTCOMPRA":null,
                 "DATATUALIZACAOCADASTRO":"2025-02-28",
                 "DATCADASTRO":"2019-06-03",
                 "NUMCEL1":"+5511987654321",
                 "NUMCEL2":null,
                 "NUMTELFIXO":"+551132104567",
                 "NUMTELCOMERCIAL":null,
                 "TXTEMAIL":"conceicao.42@exemplo.com.br",
                 "TXTENDERECO":"Rua das Acácias, 120, Apto 31",
                 "TXTBAIRRO":"Vila Mariana",
                 "TXTCIDADE":"São Paulo",
                 "TXTESTADO":"SP"}"""));
        // the run's headers travel with the payload, so the sink can report delivery per run
        assertThat(TopologyFixture.header(out.get(0), PipelineHeaders.RUN_ID)).isEqualTo("run-7");
        assertThat(TopologyFixture.header(out.get(0), PipelineHeaders.FORCED)).isEqualTo("false");
    }

    @Test
    void companyClienteIsKeyedByItsCnpj() {
        mapper.send("clientes", json("{\"SEQPESSOA\":43}"), upsert(json("""
                {"SEQPESSOA":43,"NOMERAZAO":"Silva & Souza Comércio de Alimentos Ltda","FISICAJURIDICA":"J",
                 "NROCGCCPF":112223330001,"DIGCGCCPF":81,"ESTADOCIVIL":null,"SEXO":null,"FONEDDD1":null,"FONENRO1":987654321}""")));

        assertThat(mapper.payloads("clientes")).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("{\"IDPESSOA\":\"11222333000181\"}");
            assertThat(json(r.value()).get("NUMCEL1").isNull()).isTrue();
            assertThat(json(r.value()).get("TXTESTADOCIVIL").isNull()).isTrue();
        });
    }

    @Test
    void venda() {
        mapper.send("vendas", json("{\"SEQNF\":5001,\"SEQPRODUTO\":10}"), upsert(json("""
                {"SEQNF":5001,"SEQPRODUTO":10,"NROEMPRESA":2,"NUMERODF":5001,"SERIEDF":"1","NROCHECKOUT":7,
                 "DTAMOVIMENTO":"2019-01-15T00:00:00","DTAHOREMISSAO":"2019-01-15T10:42:13","CODGERALOPER":37,"SEQPESSOA":42,
                 "FISICAJURIDICA":"F","NROCGCCPF":1234567,"DIGCGCCPF":97,"STATUSDF":"V","DTACANCELAMENTO":null,
                 "NROFORMAPAGTO":3,"QUANTIDADE":1.245,"VLRITEM":49.79,"VLRDESCONTO":2.50,"CFOP":5102,
                 "DTAHORALTERACAO":"2019-01-15T10:42:13"}""")));

        List<TestRecord<String, String>> out = mapper.payloads("vendas");

        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("{\"IDCUPOM\":5001,\"IDPRODUTO\":10}");
        // a sale in Brazil's last summer time carries -02:00; unit values are the line total over the weighed quantity
        assertThat(out.get(0).value()).isEqualTo(compact("""
                {"IDPESSOA":"00123456797",
                 "IDFILIAL":2,
                 "IDCUPOM":5001,
                 "IDPRODUTO":10,
                 "DATVENDA":"2019-01-15T10:42:13-02:00",
                 "NUMQTDVENDIDA":1.245,
                 "VLRPRECOVENDAUNITARIO":39.99,
                 "VLRPRECOPDVUNITARIO":null,
                 "VLRDESCONTOUNITARIO":2.01,
                 "VLRMARGEMPDV":null,
                 "TXTCANALVENDAS":"LOJA",
                 "TXTTIPOVENDA":"VENDA",
                 "IDFORMAPAGTO":3,
                 "TXTFORMAPAGTO":null}"""));
    }

    @Test
    void anonymousCancelledVendaFromDebeziumValues() {
        mapper.send("vendas", json("{\"SEQNF\":\"5002\",\"SEQPRODUTO\":\"11\"}"), upsert(json("""
                {"SEQNF":"5002","SEQPRODUTO":"11","NROEMPRESA":"1","DTAHOREMISSAO":1740839520000,"FISICAJURIDICA":null,
                 "NROCGCCPF":null,"DIGCGCCPF":null,"STATUSDF":"C","NROFORMAPAGTO":null,"QUANTIDADE":"3.000",
                 "VLRITEM":"29.70","VLRDESCONTO":null}""")));

        assertThat(mapper.payloads("vendas")).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("{\"IDCUPOM\":5002,\"IDPRODUTO\":11}");
            assertThat(r.value()).isEqualTo(compact("""
                    {"IDPESSOA":null,
                     "IDFILIAL":1,
                     "IDCUPOM":5002,
                     "IDPRODUTO":11,
                     "DATVENDA":"2025-03-01T14:32:00-03:00",
                     "NUMQTDVENDIDA":3.000,
                     "VLRPRECOVENDAUNITARIO":9.90,
                     "VLRPRECOPDVUNITARIO":null,
                     "VLRDESCONTOUNITARIO":0.00,
                     "VLRMARGEMPDV":null,
                     "TXTCANALVENDAS":"LOJA",
                     "TXTTIPOVENDA":"CANCELADA",
                     "IDFORMAPAGTO":null,
                     "TXTFORMAPAGTO":null}"""));
        });
    }
}
