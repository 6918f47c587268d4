package br.com.cdcplusoft.gateway.read;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.gateway.WebTestConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paging SQL on H2 in Oracle mode with the shipped views and the demo seed. */
class ViewPageReaderTest {

    private static final DemoScale SCALE = new DemoScale(3, 120, 40, 90);
    private static final EntityCatalog CATALOG = WebTestConfiguration.catalog();
    private static ViewPageReader reader;

    @BeforeAll
    static void database() throws Exception {
        ConsincoDemoDatabase db = ConsincoDemoDatabase.inMemory("gateway-pages", SCALE);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(db.url());
        ds.setUser(ConsincoDemoDatabase.USER);
        ds.setPassword(ConsincoDemoDatabase.PASSWORD);
        reader = new ViewPageReader(ds);
    }

    @Test
    void pagesWalkTheWholeViewInKeyOrderWithoutGapsOrRepeats() {
        EntityDefinition produtos = CATALOG.get("produtos");
        List<Long> seen = new ArrayList<>();
        long skip = 0;
        ViewPageReader.ViewPage page;
        do {
            page = reader.read(produtos, skip, 50);
            page.rows().forEach(r -> seen.add(r.key().get("SEQPRODUTO").asLong()));
            skip += page.rows().size();
        } while (page.hasMore());
        assertThat(seen).hasSize(SCALE.produtos()).isSorted().doesNotHaveDuplicates();
        assertThat(reader.read(produtos, 100, 20).rows()).hasSize(20);
        assertThat(reader.read(produtos, 100, 20).hasMore()).isFalse();
        assertThat(reader.read(produtos, 5_000, 20).rows()).isEmpty();
    }

    @Test
    void rowsCarryEveryColumnWithKeysAsNumbersAndDatesAsLocalDateTimes() {
        ViewPageReader.ViewRow first = reader.read(CATALOG.get("produtos"), 0, 1).rows().get(0);
        assertThat(first.key().get("SEQPRODUTO").asLong()).isEqualTo(1);
        assertThat(first.row().get("SEQPRODUTO").isIntegralNumber()).isTrue();
        assertThat(first.row().propertyNames()).contains("DESCCOMPLETA", "FAMILIA", "MARCA", "DTAHORALTERACAO");
        assertThat(first.row().get("DTAHORALTERACAO").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void aCompositeKeyOrdersByEveryKeyColumn() {
        List<ViewPageReader.ViewRow> rows = reader.read(CATALOG.get("vendas"), 0, 90).rows();
        assertThat(rows).hasSize(SCALE.vendaItems());
        for (int i = 1; i < rows.size(); i++) {
            long seqnf = rows.get(i).key().get("SEQNF").asLong();
            long previous = rows.get(i - 1).key().get("SEQNF").asLong();
            assertThat(seqnf).isGreaterThanOrEqualTo(previous);
            if (seqnf == previous) {
                assertThat(rows.get(i).key().get("SEQPRODUTO").asLong()).isGreaterThan(rows.get(i - 1).key().get("SEQPRODUTO").asLong());
            }
        }
    }

    @Test
    void anEntityFilterIsApplied() {
        EntityDefinition base = CATALOG.get("filiais");
        EntityDefinition filtered = new EntityDefinition(base.name(), base.source(), base.keyColumns(), null, null, 1000,
                base.pollInterval(), 1, true, "NROEMPRESA > 1");
        assertThat(reader.read(filtered, 0, 10).rows()).extracting(r -> r.key().get("NROEMPRESA").asInt()).containsExactly(2, 3);
    }
}
