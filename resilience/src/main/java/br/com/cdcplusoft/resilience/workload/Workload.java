package br.com.cdcplusoft.resilience.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the suite's rows to Consinco as an ERP would, paced over a given time: every row inserted
 * (produtos, clientes, vendas in turn), then a share of them updated, some twice in a row (two
 * changes within one second of the change cursor's resolution). Each change stamps the entity's
 * change-cursor column (MAP_PRODUTO.DTAHORALTERACAO, GE_PESSOA.DATAHORAALTERACAO,
 * MFL_DOCTOFISCAL.DTAHOREMISSAO) with the current time and carries a new sequence number; a
 * change counts once its transaction committed.
 */
public final class Workload {

    /**
     * @param rows              rows to insert, spread evenly over the three entities
     * @param updateShare       share of rows updated once after the inserts
     * @param doubleUpdateShare share of rows updated twice back to back
     * @param duration          time over which all changes are spread
     */
    public record Plan(int rows, double updateShare, double doubleUpdateShare, Duration duration) {
    }

    private enum Kind { INSERT, UPDATE }

    private record Op(Entity entity, long row, Kind kind) {
    }

    private static final Duration TICK = Duration.ofMillis(100);
    /** First row number of the probes: far above any plan's rows (ids 2,000,000 on), below the poison's ids. */
    static final long FIRST_PROBE_ROW = 1_000_000;

    /**
     * Rows inserted at one moment, outside the plan, to time how soon they reach Plusoft.
     *
     * @param rows        row number -> its sequence number
     * @param committedAt when their transaction committed
     */
    public record Probe(Entity entity, Map<Long, Long> rows, Instant committedAt) {
    }

    private final ConnectionSource db;
    private final Plan plan;
    private final List<Op> ops;
    private final Expected expected = new Expected();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong probes = new AtomicLong(FIRST_PROBE_ROW);

    /** Where connections come from (the suite's H2 server). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection connect() throws SQLException;
    }

    public Workload(ConnectionSource db, Plan plan, long seed) {
        this.db = db;
        this.plan = plan;
        this.ops = plan(plan, new Random(seed));
    }

    private static List<Op> plan(Plan plan, Random random) {
        Entity[] entities = Entity.values();
        List<Op> inserts = new ArrayList<>(plan.rows());
        for (int r = 0; r < plan.rows(); r++) {
            inserts.add(new Op(entities[r % entities.length], r / entities.length, Kind.INSERT));
        }
        List<List<Op>> updates = new ArrayList<>();
        for (Op insert : inserts) {
            double roll = random.nextDouble();
            if (roll < plan.doubleUpdateShare()) {
                Op u = new Op(insert.entity(), insert.row(), Kind.UPDATE);
                updates.add(List.of(u, u));
            } else if (roll < plan.doubleUpdateShare() + plan.updateShare()) {
                updates.add(List.of(new Op(insert.entity(), insert.row(), Kind.UPDATE)));
            }
        }
        Collections.shuffle(updates, random);
        List<Op> all = new ArrayList<>(inserts);
        updates.forEach(all::addAll);
        return List.copyOf(all);
    }

    /** Runs the plan on a thread of its own; the future completes when every change is committed. */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workload");
            t.setDaemon(true);
            return t;
        });
        long ticks = Math.max(1, plan.duration().toMillis() / TICK.toMillis());
        int perTick = (int) Math.ceil(ops.size() / (double) ticks);
        Connection connection;
        try {
            connection = db.connect();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            ticker.shutdown();
            return CompletableFuture.failedFuture(e);
        }
        Statements statements = new Statements(connection);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = ticker.scheduleAtFixedRate(() -> {
            try {
                int from = (int) done.get();
                int to = Math.min(ops.size(), from + perTick);
                statements.apply(ops.subList(from, to));
                done.set(to);
                if (to == ops.size()) {
                    finished.complete(null);
                }
            } catch (Exception e) {
                finished.completeExceptionally(e);
            }
        }, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return finished.whenComplete((v, e) -> {
            task[0].cancel(false);
            ticker.shutdown();
            statements.close();
        });
    }

    /**
     * Inserts {@code count} new rows of {@code entity} in one transaction now, on a connection of their
     * own (the plan may still be running); they join {@link #expected()} like the plan's rows.
     */
    public Probe probe(Entity entity, int count) throws SQLException {
        List<Op> inserts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inserts.add(new Op(entity, probes.getAndIncrement(), Kind.INSERT));
        }
        Connection connection = db.connect();
        connection.setAutoCommit(false);
        Statements statements = new Statements(connection);
        try {
            statements.apply(inserts);
        } finally {
            statements.close();
        }
        Instant committed = Instant.now();
        Map<Long, Long> rows = new LinkedHashMap<>();
        Map<Long, Long> latest = expected.of(entity);
        inserts.forEach(op -> rows.put(op.row(), latest.get(op.row())));
        return new Probe(entity, Map.copyOf(rows), committed);
    }

    /** Share of the planned changes committed so far (0..1). */
    public double progress() {
        return done.get() / (double) ops.size();
    }

    /** Row versions committed (inserts and updates). */
    public long changes() {
        return changes.get();
    }

    public Expected expected() {
        return expected;
    }

    /** The prepared statements of one connection, applying a tick's changes in one transaction. */
    private final class Statements {
        private final Connection c;
        private final PreparedStatement produto;
        private final PreparedStatement produtoUpdate;
        private final PreparedStatement pessoa;
        private final PreparedStatement cliente;
        private final PreparedStatement pessoaUpdate;
        private final PreparedStatement cupom;
        private final PreparedStatement item;
        private final PreparedStatement itemUpdate;
        private final PreparedStatement cupomUpdate;

        Statements(Connection c) {
            this.c = c;
            try {
                produto = c.prepareStatement("INSERT INTO MAP_PRODUTO (SEQPRODUTO, DESCCOMPLETA, DESCREDUZIDA, SEQFAMILIA,"
                        + " DTAHORINCLUSAO, DTAHORALTERACAO) VALUES (?,?,?,NULL,?,?)");
                produtoUpdate = c.prepareStatement("UPDATE MAP_PRODUTO SET DESCCOMPLETA = ?, DESCREDUZIDA = ?, DTAHORALTERACAO = ?"
                        + " WHERE SEQPRODUTO = ?");
                pessoa = c.prepareStatement("INSERT INTO GE_PESSOA (SEQPESSOA, NOMERAZAO, FANTASIA, FISICAJURIDICA, NROCGCCPF,"
                        + " DIGCGCCPF, SEXO, ESTADOCIVIL, DTANASCFUND, EMAIL, FONEDDD1, FONENRO1, FONEDDD2, FONENRO2, LOGRADOURO,"
                        + " NROLOGRADOURO, BAIRRO, CIDADE, UF, CEP, STATUS, DTAINCLUSAO, DATAHORAALTERACAO)"
                        + " VALUES (?,?,NULL,'F',?,?,'F','C',?,?,11,?,11,?,'Rua das Acacias','100','Centro','Sao Paulo','SP',1310100,'A',?,?)");
                cliente = c.prepareStatement("INSERT INTO MRL_CLIENTE (SEQPESSOA, STATUSCLIENTE, DTACADASTRO) VALUES (?,'A',?)");
                pessoaUpdate = c.prepareStatement("UPDATE GE_PESSOA SET NOMERAZAO = ?, DATAHORAALTERACAO = ? WHERE SEQPESSOA = ?");
                cupom = c.prepareStatement("INSERT INTO MFL_DOCTOFISCAL (SEQNF, NROEMPRESA, NUMERODF, SERIEDF, NROCHECKOUT,"
                        + " DTAMOVIMENTO, DTAHOREMISSAO, CODGERALOPER, SEQPESSOA, STATUSDF, NROFORMAPAGTO)"
                        + " VALUES (?,1,?,'1',1,?,?,37,NULL,'V',1)");
                item = c.prepareStatement("INSERT INTO MFL_DFITEM (SEQNF, SEQPRODUTO, QUANTIDADE, VLRITEM, VLRDESCONTO, CFOP)"
                        + " VALUES (?," + Entity.VENDA_PRODUTO + ",1,?,NULL,5102)");
                itemUpdate = c.prepareStatement("UPDATE MFL_DFITEM SET VLRITEM = ? WHERE SEQNF = ?");
                cupomUpdate = c.prepareStatement("UPDATE MFL_DOCTOFISCAL SET DTAHOREMISSAO = ? WHERE SEQNF = ?");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare the workload's statements: " + e.getMessage(), e);
            }
        }

        void apply(List<Op> tick) throws SQLException {
            if (tick.isEmpty()) {
                return;
            }
            Timestamp now = Timestamp.valueOf(LocalDateTime.now());
            List<long[]> versions = new ArrayList<>(tick.size());
            for (Op op : tick) {
                long seq = sequence.incrementAndGet();
                long id = Entity.FIRST_ID + op.row();
                switch (op.entity()) {
                    case PRODUTOS -> {
                        if (op.kind() == Kind.INSERT) {
                            batch(produto, id, Entity.description(op.row(), seq), "S" + seq, now, now);
                        } else {
                            batch(produtoUpdate, Entity.description(op.row(), seq), "S" + seq, now, id);
                        }
                    }
                    case CLIENTES -> {
                        if (op.kind() == Kind.INSERT) {
                            String cpf = Entity.cpf(op.row());
                            batch(pessoa, id, Entity.name(op.row(), seq), Long.parseLong(cpf.substring(0, 9)),
                                    Integer.parseInt(cpf.substring(9)), Date.valueOf(LocalDate.of(1980, 1, 1).plusDays(op.row() % 9000)),
                                    Entity.email(op.row()), Entity.mobile(op.row()), Entity.landline(op.row()), now, now);
                            batch(cliente, id, now);
                        } else {
                            batch(pessoaUpdate, Entity.name(op.row(), seq), now, id);
                        }
                    }
                    case VENDAS -> {
                        if (op.kind() == Kind.INSERT) {
                            batch(cupom, id, id % 1_000_000_000L, Date.valueOf(now.toLocalDateTime().toLocalDate()), now);
                            batch(item, id, Entity.value(seq));
                        } else {
                            batch(itemUpdate, Entity.value(seq), id);
                            batch(cupomUpdate, now, id);
                        }
                    }
                }
                versions.add(new long[] {op.entity().ordinal(), op.row(), seq});
            }
            // inserts before updates (a row may be inserted and updated in the same tick); within a
            // statement the batch keeps op order, so the later of two updates of a row wins
            for (PreparedStatement ps : List.of(produto, pessoa, cliente, cupom, item, produtoUpdate, pessoaUpdate, itemUpdate, cupomUpdate)) {
                ps.executeBatch();
            }
            c.commit();
            for (long[] v : versions) {
                expected.committed(Entity.values()[(int) v[0]], v[1], v[2]);
            }
            changes.addAndGet(versions.size());
        }

        private void batch(PreparedStatement ps, Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.addBatch();
        }

        void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the run is over
            }
        }
    }
}
