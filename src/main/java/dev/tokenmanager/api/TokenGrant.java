package dev.tokenmanager.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * One grant type of {@code POST /api/auth/token}. Every CDI bean implementing it is offered there (the request's
 * {@code grant_type} picks it) and listed in the discovery metadata's {@code grant_types_supported}. Errors are
 * {@link OAuthErrorException}s (RFC 6749 §5.2).
 */
public interface TokenGrant {

    /** The {@code grant_type} value this grant answers. */
    String grantType();

    /** Answers a token request of this grant type: its form fields, and the request (for the caller's device). */
    Response grant(MultivaluedMap<String, String> form, HttpServletRequest request);
}
