package dev.tokenmanager.account;

import dev.tokenmanager.crypto.RandomIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the first start, with no accounts at all, creates {@code admin} in group {@code admin}: with the password in
 * {@code TOKEN_MANAGER_ADMIN_PASSWORD}, or a random one printed once in the log.
 */
@ApplicationScoped
public class FirstStartAdmin {

    private static final Logger LOG = Logger.getLogger(FirstStartAdmin.class.getName());

    @Inject
    AccountRepository accounts;
    @Inject
    AccountService service;
    @Inject
    @ConfigProperty(name = "token-manager.admin-password")
    Optional<String> configuredPassword;

    /** Creates {@code admin} when there is no account at all (start-up calls this once the schema is there). */
    public void createAdmin() {
        if (accounts.exists()) {
            return;
        }
        String password = configuredPassword.filter(value -> !value.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = RandomIds.newSecret();
        } else {
            PasswordPolicy.violation("admin", password).ifPresent(problem -> LOG.warning(
                    "TOKEN_MANAGER_ADMIN_PASSWORD does not meet the password policy (" + problem
                            + "); change it after the first login"));
        }
        try {
            service.create("admin", password, List.of(Groups.ADMIN));
        } catch (AccountService.UsernameTakenException e) {
            return; // another node sharing the database created it
        }
        if (generated) {
            LOG.warning("created user 'admin' (group admin) with the generated password " + password
                    + " ; it is shown only this once: log in and change it (POST /api/me/password)");
        } else {
            LOG.info("created user 'admin' (group admin) with the password from TOKEN_MANAGER_ADMIN_PASSWORD");
        }
    }
}
