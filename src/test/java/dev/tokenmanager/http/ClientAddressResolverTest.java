package dev.tokenmanager.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver noProxies = new ClientAddressResolver(List.of());
    private final ClientAddressResolver behindProxy = new ClientAddressResolver(List.of("10.0.0.0/8", "::1"));

    @Test
    void peerAddressWithoutTrustedProxy() {
        assertThat(noProxies.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        assertThat(behindProxy.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void forwardedForIsUsedFromTrustedProxy() {
        assertThat(behindProxy.resolve("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void chainIsWalkedRightToLeftThroughTrustedProxiesOnly() {
        assertThat(behindProxy.resolve("10.1.2.3", "1.1.1.1, 198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void garbageInForwardedForStopsTheWalk() {
        assertThat(behindProxy.resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(behindProxy.resolve("10.1.2.3", "<script>")).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6AddressesFitAndMatch() {
        String resolved = behindProxy.resolve("::1", "2001:db8:85a3::8a2e:370:7334");
        assertThat(resolved).isEqualTo("2001:db8:85a3:0:0:8a2e:370:7334");
        assertThat(resolved.length()).isLessThanOrEqualTo(45);
    }

    @Test
    void invalidProxySettingIsRefused() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("proxy.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
