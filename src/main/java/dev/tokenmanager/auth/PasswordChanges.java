package dev.tokenmanager.auth;

import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.LoginThrottle;
import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A user changes their own password: the current one is required (wrong guesses count as failed logins), the new
 * one must meet the policy, and every other session and named token of the user is revoked, in the same
 * transaction as the new password: both commit or neither does.
 */
@ApplicationScoped
public class PasswordChanges {

    /** How a change ended. */
    public sealed interface Outcome {
        /** Changed; {@code revoked} other sessions and tokens ended with it. */
        record Changed(int revoked) implements Outcome {
        }

        record WrongCurrentPassword() implements Outcome {
        }

        record Weak(String problem) implements Outcome {
        }

        record Throttled(Duration retryAfter) implements Outcome {
        }

        /** The account's directory or identity provider owns its password. */
        record NotLocal() implements Outcome {
        }
    }

    @Inject
    AccountService accounts;
    @Inject
    SessionService sessions;
    @Inject
    LoginThrottle throttle;
    @Inject
    SecurityEvents events;
    @Inject
    Clock clock;

    /** Changes the password of the {@code caller}'s account; its current session stays. */
    @Transactional
    public Outcome change(Caller caller, String currentPassword, String newPassword, String ip) {
        Optional<Duration> wait = throttle.check(caller.username(), ip, clock.instant());
        if (wait.isPresent()) {
            return new Outcome.Throttled(wait.get());
        }
        Optional<String> weak = PasswordPolicy.violation(caller.username(), newPassword);
        if (weak.isPresent()) {
            return new Outcome.Weak(weak.get());
        }
        AccountService.PasswordChange change = accounts.changePassword(caller.accountId(), currentPassword,
                newPassword);
        if (change == AccountService.PasswordChange.NOT_LOCAL) {
            return new Outcome.NotLocal();
        }
        if (change == AccountService.PasswordChange.WRONG_CURRENT_PASSWORD) {
            throttle.recordFailure(caller.username(), ip, clock.instant());
            events.record(caller.securityEvent(SecurityEventKind.PASSWORD_CHANGE_REFUSED, ip)
                    .detail("wrong current password"));
            return new Outcome.WrongCurrentPassword();
        }
        int revoked = sessions.revokeEverything(caller.accountId(), caller.sessionId());
        events.record(caller.securityEvent(SecurityEventKind.PASSWORD_CHANGED, ip)
                .detail(revoked + " other sessions and tokens revoked"));
        return new Outcome.Changed(revoked);
    }
}
