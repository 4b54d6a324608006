package dev.tokenmanager.auth;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller as a MicroProfile {@link JsonWebToken}: the verified token's claims, with {@code groups} the account's
 * current groups. For a named API token, which is not a JWT, the claims describe its session.
 */
public final class CallerPrincipal implements JsonWebToken {

    /** The principal of a request nobody authenticated. */
    static final CallerPrincipal ANONYMOUS = new CallerPrincipal(null, Map.of());

    private final String name;
    private final Map<String, Object> claims;

    private CallerPrincipal(String name, Map<String, Object> claims) {
        this.name = name;
        this.claims = claims;
    }

    static CallerPrincipal of(Caller caller) {
        Map<String, Object> claims = new HashMap<>();
        caller.token().ifPresent(token -> token.claims().forEach((claim, value) -> claims.put(claim,
                value instanceof Number number ? number.longValue() : value)));
        claims.put(Claims.sub.name(), caller.token().map(token -> token.subject()).orElse(caller.accountId()));
        claims.put(Claims.upn.name(), caller.username());
        claims.put(Claims.groups.name(), Set.copyOf(new LinkedHashSet<>(caller.groups())));
        claims.put("sid", caller.sessionId());
        return new CallerPrincipal(caller.username(), Map.copyOf(claims));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }

    @Override
    public String toString() {
        return "CallerPrincipal[" + name + "]";
    }
}
