package dev.tokenmanager.admin;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.UserChanges;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** Creates a user; the caller has checked username, password and groups. */
    public Account create(String username, String password, List<String> groups, Caller admin, String ip) {
        Account account = accountService.create(username, password, groups);
        events.record(admin.securityEvent(SecurityEventKind.ADMIN_USER_CREATED, ip)
                .detail("created " + username + " in " + groups));
        return account;
    }

    /**
     * Applies {@code changes} to user {@code username}; empty when there is no such user. Throws
     * {@link AccountService.LastAdminException} when the last active administrator would be deactivated or leave group admin.
     */
    public Optional<UserSummary> update(String username, UserChanges changes, Caller admin, String ip) {
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
    public Optional<Integer> revokeSessions(String username, Caller admin, String ip) {
        Optional<Account> account = accounts.byUsername(username);
        account.ifPresent(found -> events.record(admin.securityEvent(SecurityEventKind.ADMIN_USER_SIGNED_OUT, ip)
                .detail("signed out " + username)));
        return account.map(found -> sessions.revokeEverything(found.id(), null));
    }

    /** Revokes one session of any user; false when it was not live. */
    public boolean revokeSession(String sessionId, Caller admin, String ip) {
        boolean revoked = sessions.revoke(sessionId);
        if (revoked) {
            events.record(admin.securityEvent(SecurityEventKind.ADMIN_SESSION_REVOKED, ip)
                    .detail("revoked session " + sessionId));
        }
        return revoked;
    }
}
