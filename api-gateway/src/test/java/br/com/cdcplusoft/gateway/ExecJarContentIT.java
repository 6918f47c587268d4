package br.com.cdcplusoft.gateway;

import br.com.cdcplusoft.dev.jar.DeployableJar;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The jar that is deployed holds what runs in production: no broker, no H2, no simulator, no pipeline-dev. */
class ExecJarContentIT {

    @Test
    void theExecutableJarCarriesNoDemoPart() throws Exception {
        DeployableJar.requireNoDemoParts(Path.of(""));
    }
}
