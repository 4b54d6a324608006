package dev.tokenmanager.http;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.http.ClientAddressResolver;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.DeviceParser;
import dev.tokenmanager.session.DeviceRecognizer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Reads a request's client address (trusting {@code X-Forwarded-For} only from configured proxies) and device. */
@ApplicationScoped
public class ClientInfoResolver {

    @Inject
    Settings settings;
    @Inject
    DeviceRecognizer devices;

    private ClientAddressResolver addresses;

    @PostConstruct
    void init() {
        addresses = new ClientAddressResolver(settings.trustedProxies());
    }

    public ClientInfo of(HttpServletRequest request) {
        String userAgent = DeviceParser.bound(request.getHeader("User-Agent"));
        return new ClientInfo(addresses.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")),
                userAgent, devices.parse(userAgent));
    }
}
