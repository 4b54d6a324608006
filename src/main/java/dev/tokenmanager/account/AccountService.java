package dev.tokenmanager.account;

import jakarta.enterprise.context.ApplicationScoped;
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

    /**
     * The active account {@code username} names, if {@code password} is its password. Unknown users, disabled
     * users and wrong passwords cost the same hashing time and give the same answer.
     */
    @Transactional
    public Optional<Account> authenticate(String username, String password) {
        Optional<Account> account = accounts.byUsername(username);
        if (account.isEmpty() || !account.get().isActive()) {
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
    public enum PasswordChange { CHANGED, WRONG_CURRENT_PASSWORD }

    /**
     * Changes the password of account {@code accountId} when {@code currentPassword} is right; the caller has
     * checked the new password against the policy.
     */
    @Transactional
    public PasswordChange changePassword(String accountId, String currentPassword, String newPassword) {
        Account account = accounts.lock(accountId).orElseThrow(() -> new IllegalStateException("no account"));
        if (!hasher.verify(currentPassword, account.passwordHash())) {
            return PasswordChange.WRONG_CURRENT_PASSWORD;
        }
        account.changePasswordHash(hasher.hash(newPassword));
        return PasswordChange.CHANGED;
    }

    /** Sets a new password without knowing the old one (administrators); the caller has checked the policy. */
    @Transactional
    public void resetPassword(String accountId, String newPassword) {
        accounts.lock(accountId).orElseThrow(() -> new IllegalStateException("no account"))
                .changePasswordHash(hasher.hash(newPassword));
    }
}
