package dev.tokenmanager.api;

import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import dev.tokenmanager.persistence.DatabaseFailures;
import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into an {@code application/problem+json} answer; nothing internal leaks out. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    static Response toResponse(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .entity(problem.toJson().toString())
                .build();
    }

    /** Our own problems, with their headers. */
    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException exception) {
            Response.ResponseBuilder response = Response.fromResponse(ProblemMappers.toResponse(exception.problem()));
            exception.headers().forEach(response::header);
            return response.build();
        }
    }

    /** What JAX-RS itself refuses: unknown path, wrong method, wrong media type. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            int status = exception.getResponse().getStatus();
            if (status >= 500) {
                return unexpected(exception);
            }
            Response.ResponseBuilder response = Response.fromResponse(ProblemMappers.toResponse(
                    Problem.ofStatus(status)));
            String allow = exception.getResponse().getHeaderString("Allow");
            if (allow != null) {
                response.header("Allow", allow);
            }
            return response.build();
        }
    }

    /** Anything else is our fault: a 500 with an incident id that the log line also carries. */
    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            return unexpected(exception);
        }
    }

    /** A failing transaction (most often: the database is unreachable) is answered like any other failure. */
    @Provider
    @Priority(1)
    public static class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {
        @Override
        public Response toResponse(TransactionalException exception) {
            return unexpected(exception);
        }
    }

    static Response unexpected(Throwable exception) {
        if (DatabaseFailures.isDatabaseUnavailable(exception)) {
            LOG.log(Level.WARNING, "the database does not answer: " + DatabaseFailures.describe(exception));
            return Response.fromResponse(toResponse(ProblemResponses.DATABASE_UNAVAILABLE))
                    .header("Retry-After", ProblemResponses.DATABASE_RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected failure, incident " + incident, exception);
        return toResponse(Problem.of(500, "internal-error",
                "The server could not answer this request (incident " + incident + ")."));
    }
}
