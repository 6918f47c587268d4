package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.mapping.MappingConfiguration;
import br.com.cdcplusoft.mapping.MappingPreview;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The read routes' collaborators: the page reader on its own small connection pool and the
 * mapper's preview ({@link MappingConfiguration} loads the same specs the stream uses, checked
 * against the views' columns at start).
 *
 * <p>The reads' pool is apart from the one re-syncs and the nightly run use (same
 * {@code spring.datasource.*} database and user, read-only): however many clients read, they hold
 * at most {@code gateway.reads.pool-size} connections, and a read that cannot get one within
 * {@code gateway.reads.connection-timeout} answers 503 instead of queueing behind a re-sync. It is
 * not a {@code DataSource} bean, so Boot's own pool stays the application's data source.
 */
@Configuration(proxyBeanMethods = false)
@Import(MappingConfiguration.class)
class ReadConfiguration {

    @Bean(destroyMethod = "close")
    ReadPool readPool(DataSourceProperties dataSource, GatewayProperties properties) {
        GatewayProperties.Reads reads = properties.reads();
        HikariDataSource pool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("consinco-gateway-reads");
        pool.setMaximumPoolSize(reads.poolSize());
        pool.setMinimumIdle(0);
        pool.setReadOnly(true);
        pool.setConnectionTimeout(reads.connectionTimeout().toMillis());
        return new ReadPool(pool);
    }

    @Bean
    ViewPageReader viewPageReader(ReadPool readPool, GatewayProperties properties) {
        return new ViewPageReader(readPool.dataSource(), properties.reads().queryTimeout());
    }

    @Bean
    PayloadPreview payloadPreview(MappingPreview mappingPreview) {
        return new MapperPayloadPreview(mappingPreview);
    }

    /** The reads' own pool, wrapped so that it is not taken for the application's data source. */
    record ReadPool(HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }
}
