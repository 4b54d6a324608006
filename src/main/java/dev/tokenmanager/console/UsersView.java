package dev.tokenmanager.console;

import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.UserChanges;
import dev.tokenmanager.admin.InvalidUserException;
import dev.tokenmanager.admin.UserAdministration;
import dev.tokenmanager.admin.UserSummary;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.ClientInfoResolver;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The users page: list, create, deactivate or reactivate, reset a password. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @Inject
    UserAdministration users;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clients;

    private List<UserRow> rows;
    private String newUsername;
    private String newPassword;
    private String newGroups;
    private String resetUsername;
    private String resetPassword;

    @PostConstruct
    void load() {
        rows = users.users().stream().map(UserRow::new).toList();
    }

    public void create() {
        String username = newUsername == null ? "" : newUsername.strip();
        try {
            users.create(username, newPassword, groupList(newGroups), caller.require(), ip());
            Faces.info("User " + username + " created.");
            newUsername = null;
            newGroups = null;
        } catch (InvalidUserException e) {
            Faces.error(e.getMessage());
            return;
        } catch (AccountService.UsernameTakenException e) {
            Faces.error("A user named " + username + " exists.");
        }
        newPassword = null;
        load();
    }

    public void setActive(UserRow row, boolean active) {
        change(row.getUsername(), new UserChanges(Optional.of(active), Optional.empty(), Optional.empty()),
                row.getUsername() + (active ? " reactivated." : " deactivated; their sessions and tokens are revoked."));
    }

    public void prepareReset(UserRow row) {
        resetUsername = row.getUsername();
        resetPassword = null;
    }

    public void reset() {
        change(resetUsername, new UserChanges(Optional.empty(), Optional.empty(),
                Optional.of(resetPassword == null ? "" : resetPassword)), "Password of " + resetUsername + " reset; their sessions and tokens are revoked.");
        resetPassword = null;
    }

    private void change(String username, UserChanges changes, String done) {
        try {
            if (users.update(username, changes, caller.require(), ip()).isPresent()) {
                Faces.info(done);
            } else {
                Faces.error("No user " + username + ".");
            }
        } catch (InvalidUserException e) {
            Faces.error(e.getMessage());
        } catch (AccountService.LastAdminException e) {
            Faces.error("That would leave no active administrator.");
        } catch (AccountService.NotLocalAccountException e) {
            Faces.error(NOT_LOCAL_PASSWORD);
        }
        load();
    }

    private static final String NOT_LOCAL_PASSWORD = "This user signs in through a directory or identity provider,"
            + " which owns the password.";

    private String ip() {
        return clients.of(Faces.request()).ip();
    }

    static List<String> groupList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    public List<UserRow> getRows() {
        return rows;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getNewGroups() {
        return newGroups;
    }

    public void setNewGroups(String newGroups) {
        this.newGroups = newGroups;
    }

    public String getResetUsername() {
        return resetUsername;
    }

    public String getResetPassword() {
        return resetPassword;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }

    /** One row of the users table. */
    public static final class UserRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String username;
        private final String groups;
        private final boolean active;
        private final String created;
        private final long activeSessions;

        UserRow(UserSummary summary) {
            this.username = summary.account().username();
            this.groups = String.join(", ", summary.account().groups());
            this.active = summary.account().isActive();
            this.created = DAY.format(summary.account().createdAt());
            this.activeSessions = summary.activeSessions();
        }

        public String getUsername() {
            return username;
        }

        public String getGroups() {
            return groups;
        }

        public boolean isActive() {
            return active;
        }

        public String getCreated() {
            return created;
        }

        public long getActiveSessions() {
            return activeSessions;
        }
    }
}
