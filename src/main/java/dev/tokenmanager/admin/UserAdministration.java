package dev.tokenmanager.admin;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.Groups;
import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.account.UserChanges;
import dev.tokenmanager.account.Usernames;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What administrators do to users, for the admin API and the console alike: list, create, change, sign out.
 * Deactivating a user or setting their password revokes all their sessions and tokens at once; nothing may leave
 * the installation without an active administrator.
 */
@ApplicationScoped
public class UserAdministration {

    @Inject
    AccountRepository accounts;
    @Inject
    AccountService accountService;
    @Inject
    SessionService sessions;
    @Inject
    SecurityEvents events;

    /** Every user with its live session count, by username. */
    public List<UserSummary> users() {
        Map<String, Long> live = sessions.liveByAccount();
        return accounts.all().stream()
                .map(account -> new UserSummary(account, live.getOrDefault(account.id(), 0L))).toList();
    }

    public Optional<UserSummary> user(String username) {
        return accounts.byUsername(username).map(account -> new UserSummary(account,
                sessions.liveByAccount().getOrDefault(account.id(), 0L)));
    }

    /**
     * Creates a user. Throws {@link InvalidUserException} for a username, password or groups the rules refuse, and
     * {@link AccountService.UsernameTakenException} when the username is taken.
     */
    @Transactional
    public Account create(String username, String password, List<String> groups, Caller admin, String ip) {
        if (!Usernames.isValid(username)) {
            throw new InvalidUserException("A username is 1 to " + Usernames.MAX_LENGTH
                    + " letters, digits, '.', '_', '-' or '@'.");
        }
        checkPassword(username, password);
        checkGroups(groups);
        Account account = accountService.create(username, password, groups);
        events.record(admin.securityEvent(SecurityEventKind.ADMIN_USER_CREATED, ip)
                .detail("created " + username + " in " + groups));
        return account;
    }

    private static void checkPassword(String username, String password) {
        PasswordPolicy.violation(username, password).ifPresent(problem -> {
            throw new InvalidUserException("Password: " + problem + ".");
        });
    }

    private static void checkGroups(List<String> groups) {
        if (!Groups.isValidList(groups)) {
            throw new InvalidUserException("Groups are at most " + Groups.MAX_GROUPS + " names of 1 to "
                    + Groups.MAX_NAME_LENGTH + " letters, digits, '.', '_' or '-'.");
        }
    }

    /**
     * Applies {@code changes} to user {@code username}, in one transaction with the revocations it causes: a
     * deactivation or a new password and the end of every session and token of the user commit together or not at
     * all. Empty when there is no such user. Throws {@link InvalidUserException} for a password or groups the rules
     * refuse, and {@link AccountService.LastAdminException} when the last active administrator would be
     * deactivated or leave group admin.
     */
    @Transactional
    public Optional<UserSummary> update(String username, UserChanges changes, Caller admin, String ip) {
        changes.password().ifPresent(password -> checkPassword(username, password));
        changes.groups().ifPresent(UserAdministration::checkGroups);
        Optional<Account> changed = accountService.update(username, changes);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        Account account = changed.get();
        int revoked = 0;
        if (!account.isActive() || changes.password().isPresent()) {
            revoked = sessions.revokeEverything(account.id(), null);
        }
        events.record(admin.securityEvent(SecurityEventKind.ADMIN_USER_CHANGED, ip).detail("changed " + username
                + ": " + changes + (revoked > 0 ? ", " + revoked + " sessions revoked" : "")));
        return user(username);
    }

    /** Revokes every live session and named token of user {@code username}; empty when there is no such user. */
    @Transactional
    public Optional<Integer> revokeSessions(String username, Caller admin, String ip) {
        Optional<Account> account = accounts.byUsername(username);
        account.ifPresent(found -> events.record(admin.securityEvent(SecurityEventKind.ADMIN_USER_SIGNED_OUT, ip)
                .detail("signed out " + username)));
        return account.map(found -> sessions.revokeEverything(found.id(), null));
    }

    /** Revokes one session of any user; false when it was not live. */
    @Transactional
    public boolean revokeSession(String sessionId, Caller admin, String ip) {
        boolean revoked = sessions.revoke(sessionId);
        if (revoked) {
            events.record(admin.securityEvent(SecurityEventKind.ADMIN_SESSION_REVOKED, ip)
                    .detail("revoked session " + sessionId));
        }
        return revoked;
    }
}
