package dev.tokenmanager.account;

import java.util.List;
import java.util.Optional;

/** What an administrator changes of a user: any of its state, its groups, its password. */
public record UserChanges(Optional<Boolean> active, Optional<List<String>> groups, Optional<String> password) {

    public boolean isEmpty() {
        return active.isEmpty() && groups.isEmpty() && password.isEmpty();
    }

    @Override
    public String toString() {
        return "UserChanges[active=" + active + ", groups=" + groups + ", password=" + (password.isPresent()
                ? "(new)" : "(unchanged)") + "]";
    }
}
