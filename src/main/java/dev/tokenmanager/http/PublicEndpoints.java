package dev.tokenmanager.http;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Public paths without parameters, looked up as they are; templated ones by their literal start first. */
    private final Set<String> literalPaths = ConcurrentHashMap.newKeySet();
    private final List<Template> templates = new CopyOnWriteArrayList<>();

    private record Template(String literalStart, Pattern pattern) {
    }

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
                add(API_ROOT + "/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()));
            }
        }
    }

    void add(String template) {
        String normalized = normalize(template);
        int parameter = normalized.indexOf('{');
        if (parameter < 0) {
            literalPaths.add(normalized);
        } else {
            templates.add(new Template(normalized.substring(0, parameter), pattern(normalized)));
        }
    }

    /**
     * The public paths collected: a copy that no longer changes, for the authentication mechanism to hold. Taken
     * once beans exist, which is after every annotated type was seen.
     */
    public Paths paths() {
        return new Paths(Set.copyOf(literalPaths), List.copyOf(templates));
    }

    /** The public endpoints' paths, as {@link #paths()} found them. */
    public static final class Paths {
        private final Set<String> literalPaths;
        private final List<Template> templates;

        private Paths(Set<String> literalPaths, List<Template> templates) {
            this.literalPaths = literalPaths;
            this.templates = templates;
        }

        /**
         * Whether {@code path} (inside the application, e.g. {@code /api/auth/login}) is a public endpoint's. Asked
         * on every request: a set lookup, and a pattern only for paths that start like a templated public one.
         */
        public boolean isPublic(String path) {
            if (literalPaths.contains(path)) {
                return true;
            }
            for (Template template : templates) {
                if (path.startsWith(template.literalStart()) && template.pattern().matcher(path).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Slashes as JAX-RS matches them: no doubles, none at the end. */
    private static String normalize(String template) {
        String normalized = template.replaceAll("/+", "/");
        return normalized.length() > 1 && normalized.endsWith("/")
                ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    /** A JAX-RS path template as a pattern: {@code auth/oidc/{provider}/callback}, slashes normalized. */
    static Pattern pattern(String template) {
        String normalized = normalize(template);
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
