package br.com.cdcplusoft.resilience.abuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Malformed and hostile HTTP requests for the gateway, properly framed (HTTP/1.1, Content-Length)
 * so that each one reaches the application: bad and huge numbers, unicode and invalid
 * percent-encoding, SQL injection in every parameter and path variable, unknown routes, wrong
 * methods, oversized bodies. Requests that carry the API key never name an entity together with
 * valid parameters, so none of them starts a re-sync or a re-drive. GET requests carry no key, the
 * key (the admin key reads too, so hostile parameters reach the reads of clientes, vendas and
 * /dlq, not only their 401) or a wrong key (a 401 every route answers, counted by the rate limit).
 */
public final class HostileRequests {

    /** One request: its category (for the report) and its bytes' text. */
    public record Request(String category, String method, String target, String text) {
    }

    static final List<String> SQL = List.of("' OR '1'='1", "1; DROP TABLE MAP_PRODUTO;--", "1 UNION SELECT NROCGCCPF FROM GE_PESSOA--",
            "') OR 1=1--", "1' AND SLEEP(5)--", "\" OR \"\"=\"", "1/**/OR/**/1=1", "'; EXEC xp_cmdshell('dir');--",
            "1) WHERE 1=1 FETCH FIRST 100000 ROWS ONLY--", "${jndi:ldap://127.0.0.1/a}");
    static final List<String> NUMBERS = List.of("-1", "0", "-0", "+5", "1.5", "1e3", "0x10", "NaN", "Infinity", "",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "99999999999999999999999999999999",
            "1".repeat(500), "٣", "１０", "1 2", "1,000");
    static final List<String> UNICODE = List.of("%F0%9F%98%80", "%E2%80%AE", "a%CC%81%CC%81%CC%81", "%C0%AF", "%FF%FE", "%00",
            "%E4%BD%A0%E5%A5%BD", "%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9", "%EF%BF%BD", "%F4%90%80%80", "%ZZ", "%", "%C3%A7%C3%A3o");
    static final List<String> ROUTES = List.of("/admin", "/produtos/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/actuator/env",
            "/actuator/heapdump", "/actuator/shutdown", "/dlq/produtos/reprocessar/extra", "/.git/config", "/wp-login.php",
            "/sincronizacoes/../../x", "/v3/api-docs/../../etc", "/produtos;jsessionid=1", "//dlq", "/dlq/", "/DLQ",
            "/fornecedores/sincronizar", "/produtos/sincronizar/agora", "/" + "a".repeat(3000));
    static final List<String> ENTITIES = List.of("produtos", "clientes", "vendas", "filiais");
    static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "TRACE", "FOO", "CONNECT");
    /** A key no gateway has: long enough to be compared, never valid. */
    static final String WRONG_KEY = "hostile-wrong-key-0123456789abcdef";

    private HostileRequests() {
    }

    public static List<Request> generate(int count, String apiKey, long seed) {
        Random random = new Random(seed);
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; requests.size() < count; i++) {
            requests.add(switch (i % 6) {
                case 0 -> badNumber(random, apiKey);
                case 1 -> unicode(random, apiKey);
                case 2 -> injection(random, apiKey);
                case 3 -> unknownRoute(random, apiKey);
                case 4 -> wrongMethod(random, apiKey);
                default -> oversized(random, apiKey);
            });
        }
        return requests;
    }

    private static Request badNumber(Random r, String key) {
        String v = encode(pick(r, NUMBERS));
        String target = switch (r.nextInt(6)) {
            case 0 -> "/" + pick(r, ENTITIES) + "?pular=" + v;
            case 1 -> "/" + pick(r, ENTITIES) + "?limite=" + v + "&pular=" + encode(pick(r, NUMBERS));
            case 2 -> "/sincronizacoes?limite=" + v;
            case 3 -> "/dlq?limite=" + v;
            case 4 -> "/sincronizacoes/" + v;
            default -> "/" + pick(r, ENTITIES) + "/sincronizar?forcar=" + v;
        };
        boolean post = target.contains("/sincronizar?");
        // a valid forcar value never travels with the key: nothing may start a re-sync
        boolean withKey = post && r.nextBoolean() && !v.equals("true") && !v.equals("false") && !v.isEmpty();
        return request("numbers", post ? "POST" : "GET", target, post ? (withKey ? key : null) : readKey(r, key), null);
    }

    private static Request unicode(Random r, String key) {
        String u = pick(r, UNICODE);
        String target = switch (r.nextInt(5)) {
            case 0 -> "/" + u;
            case 1 -> "/produtos?formato=" + u;
            case 2 -> "/clientes?pular=" + u + "&limite=" + u;
            case 3 -> "/sincronizacoes?entidade=" + u;
            default -> "/dlq/" + u + "/reprocessar";
        };
        String method = target.endsWith("reprocessar") ? "POST" : "GET";
        return request("unicode", method, target, method.equals("POST") ? (r.nextBoolean() ? key : null) : readKey(r, key), null);
    }

    private static Request injection(Random r, String key) {
        String s = encode(pick(r, SQL));
        String target = switch (r.nextInt(9)) {
            case 0 -> "/produtos?pular=" + s;
            case 1 -> "/clientes?limite=" + s;
            case 2 -> "/vendas?formato=" + s;
            case 3 -> "/" + s;
            case 4 -> "/sincronizacoes/" + s;
            case 5 -> "/sincronizacoes?entidade=" + s + "&limite=" + s;
            case 6 -> "/dlq?limite=" + s;
            case 7 -> "/" + s + "/sincronizar?forcar=" + s;
            default -> "/dlq/" + s + "/reprocessar";
        };
        String method = target.contains("/sincronizar") || target.endsWith("/reprocessar") ? "POST" : "GET";
        return request("sql-injection", method, target, method.equals("POST") ? (r.nextBoolean() ? key : null) : readKey(r, key), null);
    }

    private static Request unknownRoute(Random r, String key) {
        String method = r.nextBoolean() ? "GET" : "POST";
        return request("unknown-route", method, pick(r, ROUTES), method.equals("POST") ? (r.nextBoolean() ? key : null)
                : readKey(r, key), null);
    }

    private static Request wrongMethod(Random r, String key) {
        String target = switch (r.nextInt(5)) {
            case 0 -> "/" + pick(r, ENTITIES);
            case 1 -> "/dlq";
            case 2 -> "/sincronizacoes";
            case 3 -> "/" + pick(r, ENTITIES) + "/sincronizar";
            default -> "/dlq/" + pick(r, ENTITIES) + "/reprocessar";
        };
        String method = pick(r, METHODS);
        // with the key a wrong method must still do nothing: PUT/DELETE/PATCH on the POST routes are 405
        return request("wrong-method", method, target, r.nextBoolean() ? key : null, null);
    }

    private static Request oversized(Random r, String key) {
        int size = switch (r.nextInt(3)) {
            case 0 -> 64 * 1024;
            case 1 -> 1024 * 1024;
            default -> 3 * 1024 * 1024;
        };
        String body = "{\"x\":\"" + "A".repeat(size) + "\"}";
        String target = switch (r.nextInt(4)) {
            case 0 -> "/produtos/sincronizar?forcar=talvez";
            case 1 -> "/dlq/fornecedores/reprocessar";
            case 2 -> "/produtos?limite=5";
            default -> "/sincronizar?forcar=" + encode(pick(r, SQL));
        };
        String method = target.startsWith("/produtos?") ? "GET" : "POST";
        return request("oversized-body", method, target, method.equals("GET") ? readKey(r, key) : r.nextBoolean() ? key : null, body);
    }

    /** A GET's key: none, the key, or a wrong one, a third of the time each. */
    private static String readKey(Random r, String key) {
        return switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> key;
            default -> WRONG_KEY;
        };
    }

    private static Request request(String category, String method, String target, String key, String body) {
        StringBuilder text = new StringBuilder();
        text.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n");
        if (key != null) {
            text.append("X-API-Key: ").append(key).append("\r\n");
        }
        if (body != null) {
            text.append("Content-Type: application/json\r\nContent-Length: ").append(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .append("\r\n");
        } else if (!method.equals("GET") && !method.equals("TRACE") && !method.equals("CONNECT")) {
            text.append("Content-Length: 0\r\n");
        }
        text.append("Connection: close\r\n\r\n");
        if (body != null) {
            text.append(body);
        }
        return new Request(category, method, target.length() > 120 ? target.substring(0, 120) + "..." : target, text.toString());
    }

    /** Percent-encodes what a raw request line cannot carry (spaces, quotes, non-ASCII), leaving existing %XX as they are. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}#".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
