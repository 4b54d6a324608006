package dev.tokenmanager.console;

import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.admin.KeyAdministration;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.keys.StoredSigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The keys page: the signing keys with their state, and rotation. */
@Named
@ViewScoped
public class KeysView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    SigningKeys keys;
    @Inject
    CurrentCaller caller;
    @Inject
    KeyAdministration administration;
    @Inject
    ClientInfoResolver clients;

    private List<KeyRow> rows;

    @PostConstruct
    void load() {
        rows = keys.stored().stream().map(KeyRow::new).toList();
    }

    public void rotate() {
        String kid = administration.rotate(caller.require(), clients.of(Faces.request()).ip());
        Faces.info("New tokens are now signed with key " + kid + ".");
        load();
    }

    public List<KeyRow> getRows() {
        return rows;
    }

    /** One row of the keys table. */
    public static final class KeyRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String kid;
        private final String algorithm;
        private final String state;
        private final String created;
        private final String verifyUntil;

        KeyRow(StoredSigningKey key) {
            this.kid = key.kid();
            this.algorithm = key.algorithm();
            this.state = key.state().name().toLowerCase(Locale.ROOT);
            this.created = format(key.createdAt());
            this.verifyUntil = key.verifyUntil().map(KeysView::format).orElse("");
        }

        public String getKid() {
            return kid;
        }

        public String getAlgorithm() {
            return algorithm;
        }

        public String getState() {
            return state;
        }

        public String getCreated() {
            return created;
        }

        public String getVerifyUntil() {
            return verifyUntil;
        }
    }

    static String format(Instant instant) {
        return TIME.format(instant);
    }
}
