package br.com.cdcplusoft.mapper.join;

import static br.com.cdcplusoft.mapper.join.ViewDefinition.coalesce;
import static br.com.cdcplusoft.mapper.join.ViewDefinition.column;
import static br.com.cdcplusoft.mapper.join.ViewDefinition.computed;
import static br.com.cdcplusoft.mapper.join.ViewDefinition.dateNode;
import static br.com.cdcplusoft.mapper.join.ViewDefinition.greatest;

import br.com.cdcplusoft.mapper.join.ViewDefinition.Aliased;
import br.com.cdcplusoft.mapper.join.ViewDefinition.Filter;
import br.com.cdcplusoft.mapper.join.ViewDefinition.ForeignKeyJoin;
import br.com.cdcplusoft.mapper.join.ViewDefinition.KeyJoin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four integration views of {@code db/oracle/02_plusoft_views.sql}, rebuilt from the base
 * tables Debezium captures. Each reads like its SQL: same aliases, same columns in the same order,
 * the change column {@code DTAHORALTERACAO} computed with the same GREATEST/COALESCE. Keep them in
 * step with that file: a test compares their columns with the views' and their rows with the views'
 * rows on the demo database.
 */
final class ConsincoViews {

    /** VW_PLUSOFT_FILIAL: {@code MAX_EMPRESA E LEFT JOIN GE_PESSOA P ON P.SEQPESSOA = E.SEQPESSOAEMP}. */
    static final ViewDefinition FILIAIS = new ViewDefinition("filiais", "VW_PLUSOFT_FILIAL",
            new Aliased(BaseTable.MAX_EMPRESA, "E"),
            List.of(new ForeignKeyJoin(false, new Aliased(BaseTable.GE_PESSOA, "P"), "E", List.of("SEQPESSOAEMP"))),
            List.of(column("E", "NROEMPRESA"), column("E", "NOMEREDUZIDO"), column("E", "RAZAOSOCIAL"),
                    column("E", "NROCGC"), column("E", "DIGCGC"), column("E", "ENDERECO"),
                    column("P", "NROLOGRADOURO"), column("P", "CMPLTOLOGRADOURO"), column("E", "BAIRRO"),
                    column("E", "CIDADE"), column("E", "UF"), column("E", "CEP"), column("E", "NROMETRO2LOJA"),
                    column("E", "DTAINAUGURACAO"), column("E", "STATUS"),
                    column("P", "DATAHORAALTERACAO", "DTAHORALTERACAO")));

    /**
     * VW_PLUSOFT_PRODUTO: {@code MAP_PRODUTO P LEFT JOIN MAP_FAMILIA F ON F.SEQFAMILIA = P.SEQFAMILIA
     * LEFT JOIN MAP_MARCA M ON M.SEQMARCA = F.SEQMARCA}: renaming a brand re-emits its products.
     */
    static final ViewDefinition PRODUTOS = new ViewDefinition("produtos", "VW_PLUSOFT_PRODUTO",
            new Aliased(BaseTable.MAP_PRODUTO, "P"),
            List.of(new ForeignKeyJoin(false, new Aliased(BaseTable.MAP_FAMILIA, "F"), "P", List.of("SEQFAMILIA")),
                    new ForeignKeyJoin(false, new Aliased(BaseTable.MAP_MARCA, "M"), "F", List.of("SEQMARCA"))),
            List.of(column("P", "SEQPRODUTO"), column("P", "DESCCOMPLETA"), column("P", "DESCREDUZIDA"),
                    column("P", "SEQFAMILIA"), column("F", "FAMILIA"), column("F", "PESAVEL"), column("M", "SEQMARCA"),
                    column("M", "MARCA"), column("P", "DTAHORINCLUSAO"),
                    computed("DTAHORALTERACAO", r -> dateNode(greatest(
                            coalesce(r.value("P", "DTAHORALTERACAO"), r.value("P", "DTAHORINCLUSAO")),
                            coalesce(r.value("F", "DTAHORALTERACAO")),
                            coalesce(r.value("M", "DTAHORALTERACAO")))))));

    /**
     * VW_PLUSOFT_CLIENTE: {@code GE_PESSOA P JOIN MRL_CLIENTE C ON C.SEQPESSOA = P.SEQPESSOA WHERE
     * P.STATUS = 'A'}: a person leaving status A leaves the view, and is deleted at Plusoft.
     */
    static final ViewDefinition CLIENTES = new ViewDefinition("clientes", "VW_PLUSOFT_CLIENTE",
            new Aliased(BaseTable.GE_PESSOA, "P"),
            List.of(new KeyJoin(new Aliased(BaseTable.MRL_CLIENTE, "C")),
                    new Filter("P.STATUS = 'A'", ViewDefinition.equalsText("P", "STATUS", "A"))),
            List.of(column("P", "SEQPESSOA"), column("P", "NOMERAZAO"), column("P", "FANTASIA"),
                    column("P", "FISICAJURIDICA"), column("P", "NROCGCCPF"), column("P", "DIGCGCCPF"), column("P", "SEXO"),
                    column("P", "ESTADOCIVIL"), column("P", "DTANASCFUND"), column("P", "EMAIL"), column("P", "FONEDDD1"),
                    column("P", "FONENRO1"), column("P", "FONEDDD2"), column("P", "FONENRO2"), column("P", "LOGRADOURO"),
                    column("P", "NROLOGRADOURO"), column("P", "CMPLTOLOGRADOURO"), column("P", "BAIRRO"),
                    column("P", "CIDADE"), column("P", "UF"), column("P", "CEP"), column("P", "STATUS"),
                    column("C", "DTACADASTRO"), column("P", "DTAINCLUSAO"), column("P", "DTAALTERACAO"),
                    computed("DTAHORALTERACAO", r -> dateNode(coalesce(r.value("P", "DATAHORAALTERACAO"),
                            r.value("P", "DTAALTERACAO"), r.value("P", "DTAINCLUSAO"))))));

    /**
     * VW_PLUSOFT_VENDA: {@code MFL_DOCTOFISCAL D JOIN MFL_DFITEM I ON I.SEQNF = D.SEQNF LEFT JOIN
     * GE_PESSOA C ON C.SEQPESSOA = D.SEQPESSOA}, one row per item: cancelling a coupon re-emits its items.
     */
    static final ViewDefinition VENDAS = new ViewDefinition("vendas", "VW_PLUSOFT_VENDA",
            new Aliased(BaseTable.MFL_DFITEM, "I"),
            List.of(new ForeignKeyJoin(true, new Aliased(BaseTable.MFL_DOCTOFISCAL, "D"), "I", List.of("SEQNF")),
                    new ForeignKeyJoin(false, new Aliased(BaseTable.GE_PESSOA, "C"), "D", List.of("SEQPESSOA"))),
            List.of(column("I", "SEQNF"), column("I", "SEQPRODUTO"), column("D", "NROEMPRESA"), column("D", "NUMERODF"),
                    column("D", "SERIEDF"), column("D", "NROCHECKOUT"), column("D", "DTAMOVIMENTO"),
                    column("D", "DTAHOREMISSAO"), column("D", "CODGERALOPER"), column("D", "SEQPESSOA"),
                    column("C", "FISICAJURIDICA"), column("C", "NROCGCCPF"), column("C", "DIGCGCCPF"),
                    column("D", "STATUSDF"), column("D", "DTACANCELAMENTO"), column("D", "NROFORMAPAGTO"),
                    column("I", "QUANTIDADE"), column("I", "VLRITEM"), column("I", "VLRDESCONTO"), column("I", "CFOP"),
                    computed("DTAHORALTERACAO", r -> dateNode(greatest(
                            ViewDefinition.date(r.value("D", "DTAHOREMISSAO")),
                            coalesce(r.value("D", "DTACANCELAMENTO")))))));

    /** By entity name. */
    static final Map<String, ViewDefinition> BY_ENTITY = byEntity(FILIAIS, PRODUTOS, CLIENTES, VENDAS);

    private ConsincoViews() {
    }

    private static Map<String, ViewDefinition> byEntity(ViewDefinition... views) {
        Map<String, ViewDefinition> map = new LinkedHashMap<>();
        for (ViewDefinition v : views) {
            map.put(v.entity(), v);
        }
        return Collections.unmodifiableMap(map);
    }
}
