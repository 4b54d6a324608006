package dev.tokenmanager.identity;

import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.identity.ExternalAccounts.Provisioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns an identity a directory or provider vouched for into its account, for every kind of external sign-in, and
 * records what happened: a new account, or why the sign-in is refused (a username another account has, a name that
 * breaks the username rules, a deactivated account).
 */
@ApplicationScoped
public class ExternalSignIns {

    @Inject
    ExternalAccounts accounts;
    @Inject
    SecurityEvents events;

    public Provisioned provision(ExternalIdentity identity, String ip) {
        Provisioned provisioned;
        try {
            provisioned = accounts.provision(identity);
        } catch (ExternalAccounts.ConcurrentCreationException e) {
            // Another sign-in created an account of that name meanwhile: look again (it may be this person's).
            provisioned = accounts.provision(identity);
        }
        if (provisioned instanceof Provisioned.Ready ready && ready.created()) {
            events.record(SecurityEvent.of(SecurityEventKind.ACCOUNT_PROVISIONED)
                    .account(ready.account().id(), ready.account().username()).ip(ip)
                    .detail("first sign-in through " + identity.source() + ", groups " + identity.groups()));
        } else if (provisioned instanceof Provisioned.UsernameTaken taken) {
            events.record(SecurityEvent.of(SecurityEventKind.EXTERNAL_SIGN_IN_REFUSED).username(taken.username())
                    .ip(ip).detail("another account has the username " + identity.source() + " gives; no account"
                            + " is linked by name"));
        } else if (provisioned instanceof Provisioned.InvalidUsername invalid) {
            events.record(SecurityEvent.of(SecurityEventKind.EXTERNAL_SIGN_IN_REFUSED).ip(ip)
                    .detail("the username " + identity.source() + " gives breaks the username rules"));
        } else if (provisioned instanceof Provisioned.Disabled disabled) {
            events.record(SecurityEvent.of(SecurityEventKind.EXTERNAL_SIGN_IN_REFUSED)
                    .account(disabled.account().id(), disabled.account().username()).ip(ip)
                    .detail("the account is deactivated"));
        }
        return provisioned;
    }
}
