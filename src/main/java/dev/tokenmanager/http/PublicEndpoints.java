package dev.tokenmanager.http;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The paths of the resource methods marked {@link Public}, collected from the annotations while the application
 * deploys: the one list the authentication mechanism consults to leave a stale token sent to a public endpoint
 * alone, so that {@code @Public} is the only place a public endpoint is declared.
 */
public class PublicEndpoints implements Extension {

    /** Where the JAX-RS application is mounted (its {@code @ApplicationPath}). */
    public static final String API_ROOT = "/api";

    private final List<Pattern> paths = new CopyOnWriteArrayList<>();

    <T> void collect(@Observes @WithAnnotations(Path.class) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Path classPath = type.getAnnotation(Path.class);
        if (classPath == null) {
            return;
        }
        boolean allPublic = type.isAnnotationPresent(Public.class);
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            if (allPublic || method.isAnnotationPresent(Public.class)) {
                Path methodPath = method.getAnnotation(Path.class);
                paths.add(pattern(API_ROOT + "/" + classPath.value() + "/"
                        + (methodPath == null ? "" : methodPath.value())));
            }
        }
    }

    /** Whether {@code path} (inside the application, e.g. {@code /api/auth/login}) is a public endpoint's. */
    public boolean isPublic(String path) {
        for (Pattern pattern : paths) {
            if (pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A JAX-RS path template as a pattern: {@code auth/oidc/{provider}/callback}, slashes normalized. */
    static Pattern pattern(String template) {
        String normalized = template.replaceAll("/+", "/");
        if (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (at < normalized.length()) {
            int open = normalized.indexOf('{', at);
            if (open < 0) {
                regex.append(Pattern.quote(normalized.substring(at)));
                break;
            }
            regex.append(Pattern.quote(normalized.substring(at, open)));
            int close = normalized.indexOf('}', open);
            regex.append("[^/]+");
            at = close + 1;
        }
        return Pattern.compile(regex.toString());
    }
}
