package br.com.cdcplusoft.bench.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The original middleware's hand-written mapping of a VW_PLUSOFT_VENDA row to a Plusoft "vendas"
 * record: the main fields, converted the straightforward way (no spec, no validation, no
 * dead letters), as its Python functions did.
 */
public final class OriginalMapping {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private OriginalMapping() {
    }

    public static Map<String, Object> venda(ResultSet rs) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IDPESSOA", document(rs.getString("FISICAJURIDICA"), rs.getBigDecimal("NROCGCCPF"), rs.getBigDecimal("DIGCGCCPF")));
        out.put("IDFILIAL", rs.getLong("NROEMPRESA"));
        out.put("IDCUPOM", rs.getLong("SEQNF"));
        out.put("IDPRODUTO", rs.getLong("SEQPRODUTO"));
        Timestamp emission = rs.getTimestamp("DTAHOREMISSAO");
        out.put("DATVENDA", emission == null ? null : ISO_OFFSET.format(emission.toLocalDateTime().atZone(SAO_PAULO)));
        BigDecimal quantity = rs.getBigDecimal("QUANTIDADE");
        BigDecimal total = rs.getBigDecimal("VLRITEM");
        BigDecimal discount = rs.getBigDecimal("VLRDESCONTO");
        out.put("NUMQTDVENDIDA", quantity.setScale(3, RoundingMode.HALF_EVEN));
        out.put("VLRPRECOVENDAUNITARIO", total.divide(quantity, 2, RoundingMode.HALF_EVEN));
        out.put("VLRDESCONTOUNITARIO", discount == null ? BigDecimal.ZERO.setScale(2) : discount.divide(quantity, 2, RoundingMode.HALF_EVEN));
        out.put("TXTCANALVENDAS", "LOJA");
        out.put("TXTTIPOVENDA", "C".equals(trim(rs.getString("STATUSDF"))) ? "CANCELADA" : "VENDA");
        long payment = rs.getLong("NROFORMAPAGTO");
        out.put("IDFORMAPAGTO", rs.wasNull() ? null : payment);
        return out;
    }

    private static String document(String kind, BigDecimal number, BigDecimal digits) {
        if (number == null || digits == null) {
            return null;
        }
        int width = "J".equals(trim(kind)) ? 12 : 9;
        return pad(number.toBigInteger().toString(), width) + pad(digits.toBigInteger().toString(), 2);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
