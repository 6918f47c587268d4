package br.com.cdcplusoft.gateway.runs;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The original middleware's dated log layout, kept because operators find runs by it:
 * {@code <base>/Rota_<Entidade>/<Mês>/<dd>/<dd_MM_yyyy>_<HH>h<mm>_Rota_<Entidade>.log}, e.g.
 * {@code Logs/Rota_Clientes/Julho/15/15_07_2024_01h00_Rota_Clientes.log}. Month names are
 * Portuguese; times are local to the configured zone.
 */
public final class RunLogPaths {

    private static final String[] MONTHS = {"Janeiro", "Fevereiro", "Março", "Abril", "Maio", "Junho", "Julho",
        "Agosto", "Setembro", "Outubro", "Novembro", "Dezembro"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd", Locale.ROOT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd_MM_yyyy_HH'h'mm", Locale.ROOT);

    private RunLogPaths() {
    }

    public static Path of(Path base, String entity, ZonedDateTime time) {
        String route = route(entity);
        return base.resolve(route)
                .resolve(MONTHS[time.getMonthValue() - 1])
                .resolve(DAY.format(time))
                .resolve(STAMP.format(time) + "_" + route + ".log");
    }

    /** {@code produtos} becomes {@code Rota_Produtos}. */
    static String route(String entity) {
        return "Rota_" + entity.substring(0, 1).toUpperCase(Locale.ROOT) + entity.substring(1);
    }
}
