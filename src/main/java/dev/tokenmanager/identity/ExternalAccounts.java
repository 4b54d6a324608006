package dev.tokenmanager.identity;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountChanged;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.account.Usernames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * The accounts of people from directories and providers: created at their first sign-in (just in time), found by
 * the source's stable id (never by name or e-mail), their username and groups brought up to date at every sign-in.
 */
@ApplicationScoped
public class ExternalAccounts {

    /** What became of a sign-in's identity. */
    public sealed interface Provisioned {
        /** The account, created or brought up to date. */
        record Ready(Account account, boolean created) implements Provisioned {
        }

        /** The account exists but an administrator deactivated it. */
        record Disabled(Account account) implements Provisioned {
        }

        /** Another account (local, or of another source) has the username the source gives. */
        record UsernameTaken(String username) implements Provisioned {
        }

        /** The source's name for the person breaks the username rules. */
        record InvalidUsername(String username) implements Provisioned {
        }
    }

    /** Thrown when a concurrent sign-in created an account of that name first; the transaction is rolled back. */
    public static final class ConcurrentCreationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConcurrentCreationException() {
            super("concurrent creation", null, false, false);
        }
    }

    @Inject
    AccountRepository accounts;
    @Inject
    Event<AccountChanged> changed;
    @Inject
    Clock clock;

    /**
     * The account of {@code identity}: created when the source has not signed this person in before, else renamed
     * (when the new name is free) and given the groups the source maps to now; the account-changed event tells
     * every cache to drop the old groups.
     */
    @Transactional
    public Provisioned provision(ExternalIdentity identity) {
        if (!Usernames.isValid(identity.username())) {
            return new Provisioned.InvalidUsername(identity.username());
        }
        Optional<Account> found = accounts.byExternalId(identity.source(), identity.externalId())
                .flatMap(account -> accounts.lock(account.id()));
        if (found.isEmpty()) {
            if (accounts.byUsername(identity.username()).isPresent()) {
                return new Provisioned.UsernameTaken(identity.username());
            }
            Account account = new Account(identity.username(), identity.groups(), clock.instant(), identity.source(),
                    identity.externalId());
            try {
                accounts.insert(account);
            } catch (PersistenceException e) {
                throw new ConcurrentCreationException();
            }
            return new Provisioned.Ready(account, true);
        }
        Account account = found.get();
        boolean change = false;
        if (!account.username().equals(identity.username())) {
            if (accounts.byUsername(identity.username()).isPresent()) {
                return new Provisioned.UsernameTaken(identity.username());
            }
            account.rename(identity.username());
            change = true;
        }
        if (!account.groups().equals(identity.groups())) {
            account.changeGroups(identity.groups());
            change = true;
        }
        if (change) {
            changed.fire(new AccountChanged(account.id()));
        }
        return account.isActive() ? new Provisioned.Ready(account, false) : new Provisioned.Disabled(account);
    }
}
