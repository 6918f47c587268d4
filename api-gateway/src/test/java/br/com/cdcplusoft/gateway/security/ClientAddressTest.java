package br.com.cdcplusoft.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which address the rate limiter keys a request by, with and without trusted proxies. */
class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheConnectionsAddressIsTheClientWhateverTheHeadersSay() {
        ClientAddress clients = new ClientAddress(List.of());
        assertThat(clients.of(request("10.0.0.5", "203.0.113.7"))).isEqualTo("10.0.0.5");
        assertThat(clients.of(request("198.51.100.1", null))).isEqualTo("198.51.100.1");
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClientSkippingOtherTrustedHops() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.0/24", "192.168.1.10"));
        assertThat(clients.of(request("10.0.0.5", "203.0.113.7"))).isEqualTo("203.0.113.7");
        // what the client wrote itself (left) is not believed: the right-most untrusted hop is
        assertThat(clients.of(request("10.0.0.5", "1.2.3.4, 203.0.113.7, 192.168.1.10"))).isEqualTo("203.0.113.7");
        assertThat(clients.of(request("192.168.1.10", "203.0.113.8"))).isEqualTo("203.0.113.8");
        // a peer outside the blocks is the client, whatever it forwards
        assertThat(clients.of(request("10.0.1.5", "203.0.113.7"))).isEqualTo("10.0.1.5");
        // no header, or garbage in it: the proxy itself
        assertThat(clients.of(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
        assertThat(clients.of(request("10.0.0.5", "evil.example.com"))).isEqualTo("10.0.0.5");
        assertThat(clients.of(request("10.0.0.5", "10.0.0.9, 10.0.0.7"))).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6BlocksMatchIpv6Peers() {
        ClientAddress clients = new ClientAddress(List.of("fd00::/8"));
        assertThat(clients.of(request("fd00::1", "2001:db8::42"))).isEqualTo("2001:db8::42");
        assertThat(clients.of(request("10.0.0.5", "2001:db8::42"))).isEqualTo("10.0.0.5");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/produtos");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
