package br.com.cdcplusoft.resilience.abuse;

import br.com.cdcplusoft.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends requests byte for byte over plain sockets, each from one of many loopback addresses
 * (127.0.1.x: the gateway limits GET requests per client address), and checks every answer: no
 * 5xx, and every error an {@code application/problem+json} body whose status matches.
 */
public final class AbuseRun {

    /** One answer as read off the socket; status 0 when the server closed without one. */
    public record Answer(int status, String contentType, String retryAfter, String body) {
    }

    /**
     * @param sent          requests sent
     * @param byStatus      answers per status
     * @param serverErrors  answers 5xx
     * @param notProblem    error answers (4xx/5xx) that are not a problem+json document with the same status
     * @param noAnswer      connections closed without an answer
     * @param samples       a few offending requests
     */
    public record Result(int sent, Map<Integer, Integer> byStatus, int serverErrors, int notProblem, int noAnswer, List<String> samples) {
    }

    private AbuseRun() {
    }

    public static Result send(int port, List<HostileRequests.Request> requests) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int serverErrors = 0;
        int notProblem = 0;
        int noAnswer = 0;
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            HostileRequests.Request r = requests.get(i);
            String client = "127.0.1." + (1 + i % 250);
            Answer a = exchange(port, client, r.text(), !r.method().equals("HEAD"));
            byStatus.merge(a.status(), 1, Integer::sum);
            String problem = null;
            if (a.status() == 0) {
                noAnswer++;
                problem = "no answer";
            } else if (a.status() >= 500) {
                serverErrors++;
                problem = "status " + a.status();
            }
            if (a.status() >= 400 && !isProblem(a)) {
                notProblem++;
                problem = "not problem+json (" + a.contentType() + ")";
            }
            if (problem != null && samples.size() < 10) {
                samples.add(r.category() + " " + r.method() + " " + r.target() + " -> " + problem);
            }
        }
        return new Result(requests.size(), byStatus, serverErrors, notProblem, noAnswer, List.copyOf(samples));
    }

    static boolean isProblem(Answer a) {
        if (!a.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return false;
        }
        if (a.body().isEmpty()) {
            return true;
        }
        try {
            JsonNode json = Json.mapper().readTree(a.body());
            return json != null && json.path("status").asInt() == a.status();
        } catch (JacksonException e) {
            return false;
        }
    }

    /** One request from {@code clientAddress}; reads the status line, headers and (when {@code readBody}) the body. */
    public static Answer exchange(int port, String clientAddress, String request, boolean readBody) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(clientAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 401) and close before reading a large body: read what it said
            }
            InputStream in = socket.getInputStream();
            String status = line(in);
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                return new Answer(0, "", null, "");
            }
            String contentType = "";
            String retryAfter = null;
            long length = -1;
            boolean chunked = false;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = h.substring(13).trim();
                } else if (lower.startsWith("retry-after:")) {
                    retryAfter = h.substring(12).trim();
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            String body = readBody ? body(in, length, chunked) : "";
            return new Answer(Integer.parseInt(status.substring(9, 12)), contentType, retryAfter, body);
        } catch (IOException e) {
            return new Answer(0, "", null, "");
        }
    }

    private static String body(InputStream in, long length, boolean chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) Math.min(length, 1 << 20)));
        } else {
            body.write(in.readNBytes(1 << 20));
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
