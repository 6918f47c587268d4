package br.com.cdcplusoft.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The client a request comes from, as the rate limiter keys it: the address of the TCP connection,
 * unless that address is one of the configured reverse proxies; then the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy (what the last trusted hop saw).
 * Without trusted proxies the header is ignored, so a client cannot pick its own key by sending it.
 */
final class ClientAddress {

    private final List<Block> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Block::parse).toList();
    }

    String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(remote)) {
            return remote;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!literal(hop)) {
                // garbage in the header: the last trusted hop is the best we know
                return remote;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return remote;
    }

    private boolean isTrusted(String address) {
        if (!literal(address)) {
            return false;
        }
        byte[] bytes = bytes(address);
        return trusted.stream().anyMatch(b -> b.contains(bytes));
    }

    /** Only IP literals: never a host name, which would be looked up. */
    private static boolean literal(String s) {
        return s != null && !s.isEmpty() && s.length() <= 45 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (s.indexOf(':') >= 0 || s.chars().filter(c -> c == '.').count() == 3);
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    /** An address block: network bytes and prefix length. */
    private record Block(byte[] network, int prefix) {
        static Block parse(String spec) {
            int slash = spec.indexOf('/');
            String address = slash < 0 ? spec : spec.substring(0, slash);
            if (!literal(address)) {
                throw new IllegalArgumentException("gateway.security.trusted-proxies '" + spec + "' is not an IP address or CIDR block");
            }
            byte[] network = bytes(address);
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("gateway.security.trusted-proxies '" + spec + "' has a prefix outside 0.."
                        + network.length * 8);
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = address.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
