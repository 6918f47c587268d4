package br.com.cdcplusoft.dev.demo;

/** How many rows the demo generator writes. */
public record DemoScale(int filiais, int produtos, int clientes, int vendaItems) {

    public static final DemoScale DEFAULT = new DemoScale(20, 5_000, 20_000, 100_000);
    public static final DemoScale TINY = new DemoScale(3, 50, 100, 400);

    public DemoScale {
        if (filiais < 1 || filiais > 999) {
            throw new IllegalArgumentException("demo filiais must be between 1 and 999 (NROEMPRESA is NUMBER(3)), was " + filiais);
        }
        if (produtos < 1 || clientes < 1 || vendaItems < 0) {
            throw new IllegalArgumentException("demo produtos and clientes must be positive and vendaItems not negative");
        }
    }

    /** Scales the default mix so that {@code vendaItems} rows of vendas are written. */
    public static DemoScale forVendaItems(int vendaItems) {
        double f = vendaItems / (double) DEFAULT.vendaItems();
        return new DemoScale(DEFAULT.filiais(), Math.max(DEFAULT.produtos(), (int) (DEFAULT.produtos() * Math.min(f, 4))),
                Math.max(DEFAULT.clientes(), (int) (DEFAULT.clientes() * Math.min(f, 10))), vendaItems);
    }
}
