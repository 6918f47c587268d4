package br.com.cdcplusoft.dev.demo;

import br.com.cdcplusoft.core.document.BrazilianDocuments;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;

/**
 * Fills the Consinco tables with synthetic, realistic rows: accented names, valid synthetic
 * CPF/CNPJ check digits (a few deliberately invalid, to exercise dead letters), real-looking DDD
 * phones and CEPs (some with a leading zero, which the NUMBER column drops), nulls where real data
 * has them, and text with stray tabs or spaces. Deterministic for a given seed. No real person's data.
 */
public final class DemoDataGenerator {

    /** Clientes whose SEQPESSOA is a multiple of this carry a CPF with wrong check digits. */
    public static final int INVALID_CPF_EVERY = 997;

    private static final String[] FIRST = {"João", "Maria", "José", "Ana", "Antônio", "Francisca", "Luís", "Conceição",
        "Sebastião", "Lúcia", "Raimundo", "Fátima", "Márcio", "Cláudia", "Sérgio", "Patrícia", "André", "Mônica",
        "Caio", "Júlia", "Vinícius", "Letícia", "Otávio", "Bárbara", "Íris", "Ângela"};
    private static final String[] LAST = {"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
        "Pereira", "Lima", "Gomes", "Ribeiro", "Carvalho", "Araújo", "Gonçalves", "Conceição", "Brandão", "Assunção",
        "Magalhães", "Falcão", "Simões", "Romão", "Estêvão"};
    private static final String[][] CITIES = {
        {"São Paulo", "SP", "11", "01310"}, {"Campinas", "SP", "19", "13010"}, {"Ribeirão Preto", "SP", "16", "14010"},
        {"Santo André", "SP", "11", "09010"}, {"Rio de Janeiro", "RJ", "21", "20040"}, {"Niterói", "RJ", "21", "24020"},
        {"Belo Horizonte", "MG", "31", "30130"}, {"Uberlândia", "MG", "34", "38400"}, {"Curitiba", "PR", "41", "80010"},
        {"Florianópolis", "SC", "48", "88010"}, {"Porto Alegre", "RS", "51", "90010"}, {"Goiânia", "GO", "62", "74003"},
        {"Salvador", "BA", "71", "40020"}, {"Recife", "PE", "81", "50010"}, {"Fortaleza", "CE", "85", "60025"},
        {"São Luís", "MA", "98", "65010"}, {"Belém", "PA", "91", "66010"}, {"Vitória", "ES", "27", "29010"}};
    private static final String[] STREETS = {"Rua das Acácias", "Avenida Paulista", "Rua São Bento", "Avenida Brasil",
        "Rua Dom Pedro II", "Travessa da Conceição", "Rua Marechal Deodoro", "Avenida Getúlio Vargas",
        "Rua XV de Novembro", "Alameda Santos", "Rua da Glória", "Estrada do Galeão"};
    private static final String[] DISTRICTS = {"Centro", "Jardim América", "Vila Mariana", "Boa Viagem", "Savassi",
        "Batel", "Moinhos de Vento", "Pituba", "Aldeota", "Copacabana", "Água Verde", "São José"};
    private static final String[] PRODUCTS = {"Arroz Agulhinha Tipo 1", "Feijão Carioca", "Açúcar Refinado",
        "Café Torrado e Moído", "Óleo de Soja", "Leite UHT Integral", "Macarrão Espaguete", "Farinha de Mandioca",
        "Biscoito Cream Cracker", "Sabão em Pó", "Detergente Líquido", "Papel Higiênico Folha Dupla", "Maçã Fuji",
        "Banana Prata", "Tomate Italiano", "Pão Francês", "Queijo Muçarela Fatiado", "Presunto Cozido",
        "Picanha Bovina", "Filé de Tilápia", "Refrigerante Guaraná", "Água Mineral sem Gás", "Cerveja Pilsen Lata",
        "Chocolate ao Leite", "Requeijão Cremoso", "Iogurte Natural", "Manteiga com Sal", "Ovos Brancos",
        "Sabonete Hidratante", "Creme Dental", "Limão Tahiti", "Batata Inglesa", "Cebola", "Alho Nacional"};
    private static final String[] SIZES = {"1kg", "5kg", "500g", "1L", "2L", "350ml", "200g", "12un", "6un", "400g", "900ml"};
    private static final String[] BRANDS = {"Tio João", "Camil", "União", "Pilão", "Soya", "Italac", "Renata",
        "Yoki", "Vitarella", "Omo", "Ypê", "Neve", "Seara", "Sadia", "Perdigão", "Guaraná Antarctica", "Crystal",
        "Brahma", "Garoto", "Nestlé", "Danone", "Aviação", "Dove", "Colgate", "Qualitá", "Marca Própria Econômica"};

    private final Random random;
    private final LocalDateTime now;

    public DemoDataGenerator(long seed, LocalDateTime now) {
        this.random = new Random(seed);
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    public void generate(Connection connection, DemoScale scale) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            insertPessoasAndClientes(connection, 1, scale.clientes());
            insertFiliais(connection, scale.filiais(), scale.clientes());
            insertMarcasFamiliasProdutos(connection, scale.produtos());
            insertVendas(connection, 1, scale.vendaItems(), scale.filiais(), scale.produtos(), scale.clientes());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    void insertPessoasAndClientes(Connection c, long firstSeq, int count) throws SQLException {
        String pessoa = "INSERT INTO GE_PESSOA (SEQPESSOA, NOMERAZAO, FANTASIA, FISICAJURIDICA, NROCGCCPF, DIGCGCCPF, SEXO,"
                + " ESTADOCIVIL, DTANASCFUND, EMAIL, FONEDDD1, FONENRO1, FONEDDD2, FONENRO2, LOGRADOURO, NROLOGRADOURO,"
                + " CMPLTOLOGRADOURO, BAIRRO, CIDADE, UF, CEP, STATUS, DTAINCLUSAO, DTAALTERACAO, DATAHORAALTERACAO)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        String cliente = "INSERT INTO MRL_CLIENTE (SEQPESSOA, STATUSCLIENTE, DTACADASTRO) VALUES (?,?,?)";
        try (PreparedStatement p = c.prepareStatement(pessoa); PreparedStatement cl = c.prepareStatement(cliente)) {
            for (long seq = firstSeq; seq < firstSeq + count; seq++) {
                boolean company = random.nextInt(20) == 0;
                String first = pick(FIRST);
                String name = company ? pick(LAST) + " & " + pick(LAST) + " Comércio de Alimentos Ltda"
                        : first + " " + pick(LAST) + " " + pick(LAST);
                String[] city = pick(CITIES);
                LocalDateTime inclusion = now.minusDays(30 + random.nextInt(3000)).minusMinutes(random.nextInt(1440));
                LocalDateTime changed = now.minusMinutes(10 + random.nextInt(60 * 24 * 400));
                if (changed.isBefore(inclusion)) {
                    changed = inclusion;
                }
                int i = 1;
                p.setLong(i++, seq);
                p.setString(i++, random.nextInt(40) == 0 ? "  " + name + "\t" : name);
                p.setString(i++, company ? pick(LAST) + " Mercearia" : null);
                p.setString(i++, company ? "J" : "F");
                long[] doc = company ? cnpj() : cpf(seq % INVALID_CPF_EVERY == 0);
                p.setLong(i++, doc[0]);
                p.setInt(i++, (int) doc[1]);
                p.setString(i++, company ? null : (random.nextBoolean() ? "F" : "M"));
                p.setString(i++, company ? null : pick(new String[] {"S", "C", "D", "V", null}));
                // a third of the birth dates fall in the years Brazil still had daylight-saving time
                LocalDate birth = LocalDate.of(1940 + random.nextInt(66), 1 + random.nextInt(12), 1 + random.nextInt(28));
                setDate(p, i++, company ? null : birth.atStartOfDay());
                p.setString(i++, random.nextInt(6) == 0 ? null : email(first, seq));
                int ddd = Integer.parseInt(city[2]);
                setNullableLong(p, i++, random.nextInt(8) == 0 ? null : (long) ddd);
                p.setObject(i++, random.nextInt(8) == 0 ? null : 900_000_000L + random.nextInt(100_000_000), Types.NUMERIC);
                boolean landline = random.nextInt(3) == 0;
                setNullableLong(p, i++, landline ? (long) ddd : null);
                p.setObject(i++, landline ? 30_000_000L + random.nextInt(9_999_999) : null, Types.NUMERIC);
                p.setString(i++, pick(STREETS));
                p.setString(i++, Integer.toString(1 + random.nextInt(3000)));
                p.setString(i++, random.nextInt(3) == 0 ? "Apto " + (11 + random.nextInt(200)) : null);
                p.setString(i++, pick(DISTRICTS));
                p.setString(i++, city[0]);
                p.setString(i++, city[1]);
                p.setLong(i++, Long.parseLong(city[3] + String.format("%03d", random.nextInt(1000))));
                p.setString(i++, random.nextInt(50) == 0 ? "I" : "A");
                setDate(p, i++, inclusion);
                setDate(p, i++, changed.truncatedTo(ChronoUnit.DAYS));
                // older rows only carry the date-only DTAALTERACAO, as in real Consinco installations
                setDate(p, i++, random.nextInt(10) == 0 ? null : changed);
                p.addBatch();
                cl.setLong(1, seq);
                cl.setString(2, "A");
                setDate(cl, 3, inclusion);
                cl.addBatch();
                if (seq % 1000 == 0) {
                    p.executeBatch();
                    cl.executeBatch();
                }
            }
            p.executeBatch();
            cl.executeBatch();
        }
    }

    void insertFiliais(Connection c, int count, int clientes) throws SQLException {
        String sql = "INSERT INTO MAX_EMPRESA (NROEMPRESA, NOMEREDUZIDO, RAZAOSOCIAL, NROCGC, DIGCGC, SEQPESSOAEMP, ENDERECO,"
                + " BAIRRO, CIDADE, UF, CEP, NROMETRO2LOJA, DTAINAUGURACAO, STATUS) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        String base8 = "12345678";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int n = 1; n <= count; n++) {
                String[] city = CITIES[(n - 1) % CITIES.length];
                String base12 = base8 + String.format("%04d", n);
                int i = 1;
                p.setInt(i++, n);
                p.setString(i++, ("LOJA " + n + " " + strip(city[0]).toUpperCase(Locale.ROOT)).substring(0,
                        Math.min(15, ("LOJA " + n + " " + strip(city[0])).length())));
                p.setString(i++, "Supermercados Bom Preço S.A. - Filial " + city[0]);
                p.setLong(i++, Long.parseLong(base12));
                p.setInt(i++, Integer.parseInt(BrazilianDocuments.cnpjCheckDigits(base12)));
                setNullableLong(p, i++, n <= clientes ? (long) n : null);
                p.setString(i++, pick(STREETS) + ", " + (100 + random.nextInt(2000)));
                p.setString(i++, pick(DISTRICTS));
                p.setString(i++, city[0]);
                p.setString(i++, city[1]);
                p.setLong(i++, Long.parseLong(city[3] + String.format("%03d", random.nextInt(1000))));
                p.setBigDecimal(i++, BigDecimal.valueOf(400 + random.nextInt(4000) * 100L + random.nextInt(100), 2));
                setDate(p, i++, LocalDate.of(1985 + random.nextInt(38), 1 + random.nextInt(12), 1 + random.nextInt(28)).atStartOfDay());
                p.setString(i++, n % 17 == 0 ? "I" : "A");
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    void insertMarcasFamiliasProdutos(Connection c, int produtos) throws SQLException {
        int marcas = BRANDS.length;
        int familias = Math.max(10, produtos / 5);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO MAP_MARCA (SEQMARCA, MARCA, DTAHORALTERACAO) VALUES (?,?,?)")) {
            for (int m = 1; m <= marcas; m++) {
                p.setInt(1, m);
                p.setString(2, BRANDS[m - 1]);
                setDate(p, 3, now.minusDays(200 + random.nextInt(600)));
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO MAP_FAMILIA (SEQFAMILIA, FAMILIA, SEQMARCA, PESAVEL, DTAHORALTERACAO) VALUES (?,?,?,?,?)")) {
            for (int f = 1; f <= familias; f++) {
                String product = PRODUCTS[f % PRODUCTS.length];
                p.setInt(1, f);
                p.setString(2, product.toUpperCase(Locale.ROOT));
                p.setInt(3, 1 + random.nextInt(marcas));
                p.setString(4, product.contains("Picanha") || product.contains("Maçã") || product.contains("Banana")
                        || product.contains("Tomate") || product.contains("Batata") ? "S" : "N");
                setDate(p, 5, random.nextBoolean() ? null : now.minusDays(100 + random.nextInt(600)));
                p.addBatch();
                if (f % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO MAP_PRODUTO (SEQPRODUTO, DESCCOMPLETA, DESCREDUZIDA,"
                + " SEQFAMILIA, DTAHORINCLUSAO, DTAHORALTERACAO) VALUES (?,?,?,?,?,?)")) {
            for (int seq = 1; seq <= produtos; seq++) {
                int familia = 1 + random.nextInt(familias);
                String product = PRODUCTS[familia % PRODUCTS.length];
                String full = (product + " " + pick(SIZES) + " " + BRANDS[random.nextInt(marcas)]);
                full = full.length() > 50 ? full.substring(0, 50) : full;
                String shortName = strip(product).toUpperCase(Locale.ROOT);
                shortName = shortName.length() > 24 ? shortName.substring(0, 24) : shortName;
                LocalDateTime inclusion = now.minusDays(1 + random.nextInt(2000));
                p.setLong(1, seq);
                p.setString(2, random.nextInt(30) == 0 ? full.substring(0, Math.min(full.length(), 47)) + " \t" : full);
                p.setString(3, random.nextInt(25) == 0 ? null : shortName);
                p.setInt(4, familia);
                setDate(p, 5, inclusion);
                LocalDateTime changed = inclusion.plusMinutes(random.nextInt(60 * 24 * 30));
                // never in the future: a cursor ahead of the clock would hide every later change
                setDate(p, 6, random.nextInt(4) == 0 ? null : (changed.isAfter(now.minusMinutes(1)) ? now.minusMinutes(1) : changed));
                p.addBatch();
                if (seq % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    /** Writes {@code items} rows of vendas starting at coupon {@code firstSeqnf}; returns the next free SEQNF. */
    public long insertVendas(Connection c, long firstSeqnf, int items, int filiais, int produtos, int clientes)
            throws SQLException {
        String header = "INSERT INTO MFL_DOCTOFISCAL (SEQNF, NROEMPRESA, NUMERODF, SERIEDF, NROCHECKOUT, DTAMOVIMENTO,"
                + " DTAHOREMISSAO, CODGERALOPER, SEQPESSOA, STATUSDF, DTACANCELAMENTO, NROFORMAPAGTO) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
        String item = "INSERT INTO MFL_DFITEM (SEQNF, SEQPRODUTO, QUANTIDADE, VLRITEM, VLRDESCONTO, CFOP) VALUES (?,?,?,?,?,?)";
        long seqnf = firstSeqnf;
        int written = 0;
        try (PreparedStatement h = c.prepareStatement(header); PreparedStatement it = c.prepareStatement(item)) {
            while (written < items) {
                int lines = Math.min(items - written, 1 + random.nextInt(8));
                LocalDateTime emission = now.minusSeconds(600 + random.nextInt(60 * 60 * 24 * 60));
                boolean cancelled = random.nextInt(100) == 0;
                int i = 1;
                h.setLong(i++, seqnf);
                h.setInt(i++, 1 + random.nextInt(filiais));
                h.setLong(i++, seqnf);
                h.setString(i++, "1");
                h.setInt(i++, 1 + random.nextInt(20));
                setDate(h, i++, emission.truncatedTo(ChronoUnit.DAYS));
                setDate(h, i++, emission);
                h.setInt(i++, random.nextInt(30) == 0 ? 48 : 37);
                setNullableLong(h, i++, random.nextInt(3) == 0 ? null : 1L + random.nextInt(clientes));
                h.setString(i++, cancelled ? "C" : "V");
                setDate(h, i++, cancelled ? emission.plusMinutes(5) : null);
                h.setInt(i++, 1 + random.nextInt(6));
                h.addBatch();
                long firstProduct = 1 + random.nextInt(produtos);
                for (int line = 0; line < lines; line++) {
                    long product = 1 + (firstProduct + (long) line * 7919) % produtos;
                    boolean weighed = random.nextInt(6) == 0;
                    BigDecimal quantity = weighed
                            ? BigDecimal.valueOf(100 + random.nextInt(2900), 3)
                            : BigDecimal.valueOf(1 + random.nextInt(6)).setScale(3, RoundingMode.UNNECESSARY);
                    BigDecimal unit = BigDecimal.valueOf(99 + random.nextInt(9900), 2);
                    BigDecimal value = unit.multiply(quantity).setScale(2, RoundingMode.HALF_EVEN);
                    it.setLong(1, seqnf);
                    it.setLong(2, product);
                    it.setBigDecimal(3, quantity);
                    it.setBigDecimal(4, value);
                    it.setBigDecimal(5, random.nextInt(5) == 0 ? BigDecimal.valueOf(random.nextInt(500), 2) : null);
                    it.setInt(6, 5102);
                    it.addBatch();
                    written++;
                    if (written % 1000 == 0) {
                        h.executeBatch();
                        it.executeBatch();
                    }
                }
                seqnf++;
            }
            h.executeBatch();
            it.executeBatch();
        }
        return seqnf;
    }

    private long[] cpf(boolean invalid) {
        String base = String.format("%09d", 1 + random.nextInt(999_999_998));
        int digits = Integer.parseInt(BrazilianDocuments.cpfCheckDigits(base));
        return new long[] {Long.parseLong(base), invalid ? (digits + 1) % 100 : digits};
    }

    private long[] cnpj() {
        String base = String.format("%08d", 1 + random.nextInt(99_999_998)) + "0001";
        return new long[] {Long.parseLong(base), Integer.parseInt(BrazilianDocuments.cnpjCheckDigits(base))};
    }

    private String email(String first, long seq) {
        return strip(first).toLowerCase(Locale.ROOT) + "." + seq + "@exemplo.com.br";
    }

    private static String strip(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void setDate(PreparedStatement p, int index, LocalDateTime value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.TIMESTAMP);
        } else {
            p.setTimestamp(index, Timestamp.valueOf(value));
        }
    }

    private static void setNullableLong(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.NUMERIC);
        } else {
            p.setLong(index, value);
        }
    }
}
