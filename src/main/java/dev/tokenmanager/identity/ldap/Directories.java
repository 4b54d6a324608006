package dev.tokenmanager.identity.ldap;

import dev.tokenmanager.identity.IdentitySettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The configured LDAP directories, in the order a sign-in of an unknown username tries them. */
@ApplicationScoped
public class Directories {

    @Inject
    IdentitySettings settings;

    private List<Directory> directories = List.of();

    @PostConstruct
    void open() {
        directories = settings.directories().stream().map(Directory::new).toList();
    }

    @PreDestroy
    void close() {
        directories.forEach(Directory::close);
    }

    public List<Directory> all() {
        return directories;
    }

    /** The directory whose accounts have {@code source} ({@code ldap:<name>}). */
    public Optional<Directory> bySource(String source) {
        return directories.stream().filter(d -> d.settings().source().equals(source)).findFirst();
    }
}
