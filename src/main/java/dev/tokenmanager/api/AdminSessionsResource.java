package dev.tokenmanager.api;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.admin.UserAdministration;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.session.SessionKind;
import dev.tokenmanager.session.SessionQuery;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every user's live sessions: {@code /api/admin/sessions}. */
@RequestScoped
@Path("admin/sessions")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminSessionsResource {

    static final int MAX_PAGE_SIZE = 500;

    @Inject
    SessionService sessions;
    @Inject
    UserAdministration users;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clients;
    @Context
    HttpServletRequest request;

    /** A page of live sessions, most recently seen first: {@code {"items","total","page","size"}}. */
    @GET
    public String search(@QueryParam("username") String username, @QueryParam("kind") String kindName,
                         @QueryParam("page") @DefaultValue("0") String pageText,
                         @QueryParam("size") @DefaultValue("50") String sizeText) {
        int page = wholeNumber(pageText, "page");
        int size = wholeNumber(sizeText, "size");
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("'size' must be from 1 to " + MAX_PAGE_SIZE + ".");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("'page' is too large.");
        }
        SessionKind kind = kindName == null || kindName.isEmpty() ? null : SessionKind.fromApiName(kindName)
                .orElseThrow(() -> ProblemException.badRequest("'kind' must be login or token."));
        SessionQuery query = new SessionQuery(username == null || username.isEmpty() ? null : username, null, kind,
                null, null, SessionQuery.Sort.LAST_SEEN, true, page * size, size);
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        String current = caller.require().sessionId();
        sessions.search(query).forEach(row -> items.add(Views.session(row.session(), current)
                .add("username", row.username())));
        return Jsons.createObjectBuilder()
                .add("items", items)
                .add("total", sessions.count(query))
                .add("page", page)
                .add("size", size)
                .build().toString();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        if (!users.revokeSession(id, caller.require(), clients.of(request).ip())) {
            throw ProblemException.notFound();
        }
        return Response.noContent().build();
    }

    private static int wholeNumber(String text, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("'" + name + "' must be a whole number, 0 or more.");
    }
}
