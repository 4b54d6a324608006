package dev.tokenmanager.identity;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.Usernames;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.identity.ExternalAccounts.Provisioned;
import dev.tokenmanager.identity.ldap.Directories;
import dev.tokenmanager.identity.ldap.Directory;
import dev.tokenmanager.session.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Checks a username and password, wherever the person lives. An existing account authenticates only through its own
 * source: the local hash, or a bind against its directory (never another directory, never by name alone). An unknown
 * username is tried against the directories in their configured order, and the first that knows the person
 * provisions their account. Every refusal that checked no local hash spends one dummy hash verification, so that a
 * refusal takes about as long whatever its reason.
 */
@ApplicationScoped
public class PasswordSignIn {

    /** What a password sign-in came to. */
    public sealed interface Outcome {
        record Authenticated(Account account, Origin origin) implements Outcome {
        }

        /** Unknown user, wrong password, deactivated account, or an account without a password here. */
        record Refused() implements Outcome {
        }

        /** The directory that would decide cannot be reached. */
        record SourceUnavailable(String source) implements Outcome {
        }

        /** The directory vouched for the person, but their account cannot be used (name taken, name invalid). */
        record AccountConflict(String username) implements Outcome {
        }
    }

    @Inject
    AccountRepository accounts;
    @Inject
    AccountService localAccounts;
    @Inject
    Directories directories;
    @Inject
    ExternalSignIns signIns;
    @Inject
    SecurityEvents events;

    public Outcome authenticate(String username, String password, String ip) {
        // A login name that is no valid username (a directory may sign people in by mail or other names) names no
        // account here; it is not even looked up (PostgreSQL refuses a NUL in a query parameter).
        Optional<Account> account = Usernames.isValid(username) ? accounts.byUsername(username) : Optional.empty();
        if (account.isPresent() && account.get().isLocal()) {
            return localAccounts.authenticate(username, password)
                    .<Outcome>map(found -> new Outcome.Authenticated(found, Origin.LOCAL))
                    .orElseGet(Outcome.Refused::new);
        }
        if (account.isPresent()) {
            Optional<Directory> directory = directories.bySource(account.get().source());
            if (directory.isEmpty()) {
                // A provider's account, or a directory no longer configured: no password here decides.
                return refused(password);
            }
            return signInThrough(directory.get(), username, password, account.get().externalId(), ip)
                    .orElseGet(() -> refused(password));
        }
        String unavailable = null;
        for (Directory directory : directories.all()) {
            Directory.Outcome outcome = directory.authenticate(username, password);
            if (outcome instanceof Directory.Outcome.Unavailable) {
                unavailable = directory.settings().source();
                continue;
            }
            if (outcome instanceof Directory.Outcome.NoSuchPerson) {
                continue;
            }
            return signedIn(outcome, null, ip, directory).orElseGet(() -> refused(password));
        }
        if (unavailable != null) {
            return unavailable(unavailable, username, ip, password);
        }
        return refused(password);
    }

    /** A sign-in through {@code directory}, of the person known as {@code expectedId} when it is not null. */
    private Optional<Outcome> signInThrough(Directory directory, String username, String password, String expectedId,
                                            String ip) {
        Directory.Outcome outcome = directory.authenticate(username, password);
        if (outcome instanceof Directory.Outcome.Unavailable) {
            return Optional.of(unavailable(directory.settings().source(), username, ip, password));
        }
        return signedIn(outcome, expectedId, ip, directory);
    }

    private Optional<Outcome> signedIn(Directory.Outcome outcome, String expectedId, String ip, Directory directory) {
        if (!(outcome instanceof Directory.Outcome.Authenticated authenticated)) {
            return Optional.empty();
        }
        ExternalIdentity identity = authenticated.identity();
        if (expectedId != null && !expectedId.equals(identity.externalId())) {
            // The name now belongs to another entry of the directory than the one this account was made for.
            return Optional.empty();
        }
        Provisioned provisioned = signIns.provision(identity, ip);
        if (provisioned instanceof Provisioned.Ready ready) {
            return Optional.of(new Outcome.Authenticated(ready.account(),
                    new Origin(directory.settings().source(), null)));
        }
        if (provisioned instanceof Provisioned.UsernameTaken || provisioned instanceof Provisioned.InvalidUsername) {
            return Optional.of(new Outcome.AccountConflict(identity.username()));
        }
        return Optional.empty();
    }

    private Outcome refused(String password) {
        localAccounts.verifyNothing(password == null ? "" : password);
        return new Outcome.Refused();
    }

    private Outcome unavailable(String source, String username, String ip, String password) {
        localAccounts.verifyNothing(password == null ? "" : password);
        events.record(SecurityEvent.of(SecurityEventKind.IDENTITY_SOURCE_UNAVAILABLE).username(username).ip(ip)
                .detail(source + " cannot be reached"));
        return new Outcome.SourceUnavailable(source);
    }
}
