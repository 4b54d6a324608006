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
    static final CallerPrincipal ANONYMOUS = new CallerPrincipal(null, null);

    private final String name;
    private final Caller caller;
    /** Built on first use: most requests never read a claim, and the principal is made for every request. */
    private volatile Map<String, Object> claims;

    private CallerPrincipal(String name, Caller caller) {
        this.name = name;
        this.caller = caller;
    }

    static CallerPrincipal of(Caller caller) {
        return new CallerPrincipal(caller.username(), caller);
    }

    private Map<String, Object> claims() {
        Map<String, Object> built = claims;
        if (built == null) {
            built = caller == null ? Map.of() : claimsOf(caller);
            claims = built;
        }
        return built;
    }

    private static Map<String, Object> claimsOf(Caller caller) {
        Map<String, Object> claims = new HashMap<>();
        caller.token().ifPresent(token -> token.claims().forEach((claim, value) -> claims.put(claim,
                value instanceof Number number ? number.longValue() : value)));
        claims.put(Claims.sub.name(), caller.token().map(token -> token.subject()).orElse(caller.accountId()));
        claims.put(Claims.upn.name(), caller.username());
        claims.put(Claims.groups.name(), Set.copyOf(new LinkedHashSet<>(caller.groups())));
        claims.put("sid", caller.sessionId());
        return Map.copyOf(claims);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims().keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims().get(claimName);
    }

    @Override
    public String toString() {
        return "CallerPrincipal[" + name + "]";
    }
}
