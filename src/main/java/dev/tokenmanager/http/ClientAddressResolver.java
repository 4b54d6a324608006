package dev.tokenmanager.http;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client's address: the peer's, or, when the peer is a configured trusted proxy, the address that
 * proxy reports in {@code X-Forwarded-For}, walked right to left through further trusted proxies.
 */
public final class ClientAddressResolver {

    private final List<IpRange> trustedProxies;

    /** @param trustedProxies addresses and CIDR blocks of trusted proxies */
    public ClientAddressResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(IpRange::parse).toList();
    }

    /**
     * @param peerAddress   the address the connection comes from
     * @param forwardedFor  the {@code X-Forwarded-For} header, or null
     * @return the client address, at most 45 characters
     */
    public String resolve(String peerAddress, String forwardedFor) {
        Optional<InetAddress> peer = IpAddresses.parse(peerAddress);
        if (peer.isEmpty()) {
            return truncate(peerAddress);
        }
        InetAddress client = peer.get();
        if (forwardedFor != null && isTrusted(client)) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0 && isTrusted(client); i--) {
                Optional<InetAddress> hop = IpAddresses.parse(hops[i]);
                if (hop.isEmpty()) {
                    break;
                }
                client = hop.get();
            }
        }
        return truncate(client.getHostAddress());
    }

    private boolean isTrusted(InetAddress address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= 45 ? value : value.substring(0, 45);
    }
}
