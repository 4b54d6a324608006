package dev.tokenmanager.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Checks credentials and creates accounts. */
@ApplicationScoped
public class AccountService {

    /** Thrown when a username is taken. */
    public static final class UsernameTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsernameTakenException() {
            super("username taken", null, false, false);
        }
    }

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);

    @Inject
    AccountRepository accounts;
    @Inject
    Clock clock;
    @Inject
    Event<AccountChanged> changed;

    /**
     * The active local account {@code username} names, if {@code password} is its password. Unknown users, disabled
     * users, accounts without a local password and wrong passwords cost the same hashing time and give the same
     * answer.
     */
    @Transactional
    public Optional<Account> authenticate(String username, String password) {
        Optional<Account> account = accounts.byUsername(username);
        if (account.isEmpty() || !account.get().isActive() || !account.get().isLocal()) {
            hasher.verifyNothing(password);
            return Optional.empty();
        }
        if (!hasher.verify(password, account.get().passwordHash())) {
            return Optional.empty();
        }
        if (hasher.needsRehash(account.get().passwordHash())) {
            account.get().changePasswordHash(hasher.hash(password));
        }
        return account;
    }

    /**
     * How many password hashes this node computed (every login through a local password costs one, whether the
     * user exists or not: the same work for every answer).
     */
    public long passwordHashes() {
        return hasher.derivations();
    }

    /**
     * Spends the time of one password verification: for refusals that checked no local hash (a directory's account,
     * a provider's), so that they take as long as a wrong local password.
     */
    public void verifyNothing(String password) {
        hasher.verifyNothing(password);
    }

    /** Creates an active account; the caller has checked the username, password and groups. */
    @Transactional
    public Account create(String username, String password, List<String> groups) {
        if (accounts.byUsername(username).isPresent()) {
            throw new UsernameTakenException();
        }
        Account account = new Account(username, hasher.hash(password), groups, clock.instant());
        try {
            accounts.insert(account);
        } catch (PersistenceException e) {
            // A concurrent create of the same username lost the race on the unique index.
            throw new UsernameTakenException();
        }
        return account;
    }

    /** Whether a password change happened. */
    public enum PasswordChange { CHANGED, WRONG_CURRENT_PASSWORD, NOT_LOCAL }

    /** Thrown when a password is set for an account whose directory or provider owns its password. */
    public static final class NotLocalAccountException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotLocalAccountException() {
            super("not a local account", null, false, false);
        }
    }

    /**
     * Changes the password of account {@code accountId} when {@code currentPassword} is right; the caller has
     * checked the new password against the policy.
     */
    @Transactional
    public PasswordChange changePassword(String accountId, String currentPassword, String newPassword) {
        Account account = accounts.lock(accountId).orElseThrow(() -> new IllegalStateException("no account"));
        if (!account.isLocal()) {
            return PasswordChange.NOT_LOCAL;
        }
        if (!hasher.verify(currentPassword, account.passwordHash())) {
            return PasswordChange.WRONG_CURRENT_PASSWORD;
        }
        account.changePasswordHash(hasher.hash(newPassword));
        return PasswordChange.CHANGED;
    }

    /** The change would leave no active account in group {@code admin}. */
    public static final class LastAdminException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LastAdminException() {
            super("last active admin", null, false, false);
        }
    }

    /**
     * Applies an administrator's {@code changes} to user {@code username} (the caller has checked the password
     * and groups); empty when there is no such user. Throws {@link LastAdminException} when the last active
     * administrator would be deactivated or leave group admin: the row is locked while checking; throws
     * {@link NotLocalAccountException} when a password is set for an account of a directory or provider.
     */
    @Transactional
    public Optional<Account> update(String username, UserChanges changes) {
        Optional<Account> found = accounts.byUsername(username).flatMap(account -> accounts.lock(account.id()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Account account = found.get();
        if (changes.password().isPresent() && !account.isLocal()) {
            throw new NotLocalAccountException();
        }
        boolean staysAdmin = changes.active().orElse(account.isActive())
                && changes.groups().orElse(account.groups()).contains(Groups.ADMIN);
        if (account.isActive() && account.groups().contains(Groups.ADMIN) && !staysAdmin
                && accounts.activeAdminsOtherThan(account.id()) == 0) {
            throw new LastAdminException();
        }
        changes.active().ifPresent(account::changeActive);
        changes.groups().ifPresent(account::changeGroups);
        changes.password().ifPresent(password -> account.changePasswordHash(hasher.hash(password)));
        changed.fire(new AccountChanged(account.id()));
        return Optional.of(account);
    }
}
