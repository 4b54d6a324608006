package dev.tokenmanager.keys;

import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.ClusterEvent;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.crypto.KeyEncryption;
import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.jwt.KeyMaterial;
import dev.tokenmanager.jwt.SigningKey;
import dev.tokenmanager.jwt.VerificationKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signing keys in memory: the one that signs new tokens, and every key that may still verify a live token.
 * Loaded from the database at start-up and after each rotation; lookups never touch the database.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    private final SigningKeyStore store;
    private final Settings settings;
    private final Clock clock;
    private final Cluster cluster;
    private volatile KeyEncryption encryption;
    private volatile KeyRing ring = KeyRing.EMPTY;

    @Inject
    public SigningKeys(SigningKeyStore store, Settings settings, Clock clock, Cluster cluster) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.cluster = cluster;
    }

    /** CDI's no-argument constructor for the client proxy. */
    protected SigningKeys() {
        this(null, null, null, null);
    }

    /**
     * Loads the keys; generates and stores a key for the configured algorithm when no readable active key of that
     * algorithm exists (first start, a changed algorithm, or a key-encryption key that no longer opens the key).
     */
    public synchronized void initialize() {
        if (encryption == null) {
            encryption = KeyEncryptionKeySource.load(settings.keyEncryptionKey(), settings.dataDir());
            cluster.bus().subscribe(event -> {
                if (event.kind() == ClusterEvent.Kind.KEYS_CHANGED) {
                    reload();
                }
            });
        }
        store.deleteExpired(clock.instant());
        reload();
        Optional<SigningKey> active = ring.active();
        if (active.isEmpty() || !active.get().algorithm().equals(settings.signingAlgorithm())) {
            rotate();
        }
    }

    /** Replaces the signing key: new tokens use a new key, tokens signed before stay valid until they expire. */
    public synchronized String rotate() {
        Instant now = clock.instant();
        String kid = RandomIds.newId();
        KeyMaterial.Generated generated = KeyMaterial.generate(settings.signingAlgorithm(), kid);
        String publicJwk = generated.key().publicJwkJson().orElse(null);
        StoredSigningKey row = new StoredSigningKey(kid, settings.signingAlgorithm(), now, publicJwk,
                encryption.encrypt(kid, generated.privateBytes()));
        store.replaceActive(row, now, now.plus(settings.accessTtl()).plus(settings.clockSkew()));
        reload();
        // Every node must know the new key before a token signed with it reaches them.
        cluster.bus().publish(ClusterEvent.keysChanged());
        LOG.info("signing key rotated: new tokens are signed with kid " + kid);
        return kid;
    }

    /** Rotates when the signing key is older than {@code interval}; answers whether it did. */
    public synchronized boolean rotateIfOlderThan(Duration interval) {
        Optional<StoredSigningKey> newest = store.all().stream()
                .filter(key -> key.state() == StoredSigningKey.State.ACTIVE).findFirst();
        if (newest.isPresent() && newest.get().createdAt().plus(interval).isAfter(clock.instant())) {
            if (ring.active().map(SigningKey::kid).filter(newest.get().kid()::equals).isEmpty()) {
                reload(); // another node rotated
            }
            return false;
        }
        rotate();
        return true;
    }

    /** Deletes keys that can no longer verify any live token, and forgets them here. */
    public synchronized void dropExpired() {
        if (store.deleteExpired(clock.instant()) > 0) {
            reload();
        }
    }

    /** Re-reads the keys from the database (after a rotation here or elsewhere). */
    public synchronized void reload() {
        List<StoredSigningKey> rows = store.all();
        Map<String, KeyRing.Entry> verifiable = new HashMap<>();
        SigningKey signer = null;
        for (StoredSigningKey row : rows) {
            Optional<SigningKey> key = restore(row);
            if (key.isEmpty()) {
                continue;
            }
            verifiable.put(row.kid(), new KeyRing.Entry(key.get(), row.verifyUntil().orElse(null)));
            if (signer == null && row.state() == StoredSigningKey.State.ACTIVE && key.get().signingKey().isPresent()) {
                signer = key.get();
            }
        }
        ring = new KeyRing(Optional.ofNullable(signer), Map.copyOf(verifiable));
    }

    private Optional<SigningKey> restore(StoredSigningKey row) {
        Optional<byte[]> privateBytes;
        try {
            privateBytes = Optional.of(encryption.decrypt(row.kid(), row.encryptedPrivateKey()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.severe("signing key " + row.kid() + " cannot be decrypted with this key-encryption key: it only"
                    + " verifies tokens from now on; restore the key-encryption key it was stored with to sign again");
            privateBytes = Optional.empty();
        }
        try {
            return Optional.of(KeyMaterial.restore(row.kid(), row.algorithm(), privateBytes, row.publicJwk()));
        } catch (IllegalStateException e) {
            LOG.log(Level.SEVERE, "signing key " + row.kid() + " cannot be read and is ignored", e);
            return Optional.empty();
        }
    }

    /**
     * The key-encryption key, for other secrets the server must keep out of a database dump and use again (the PKCE
     * verifiers of browser sign-ins under way). Loaded by {@link #initialize()}.
     */
    public KeyEncryption keyEncryption() {
        KeyEncryption loaded = encryption;
        if (loaded == null) {
            throw new IllegalStateException("the key-encryption key is not loaded yet");
        }
        return loaded;
    }

    /** The key that signs new tokens. */
    public SigningKey current() {
        return ring.active().orElseThrow(() -> new IllegalStateException("no signing key is loaded"));
    }

    /** The key {@code kid} names, if it may still verify tokens now. */
    public Optional<VerificationKey> find(String kid) {
        KeyRing.Entry entry = ring.keys().get(kid);
        if (entry == null || !entry.verifiesAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.verification());
    }

    /** The JWKS document: the public part of every key that may still verify a live token (none for HMAC). */
    public String jwksJson() {
        Instant now = clock.instant();
        JsonArrayBuilder keys = Jsons.createArrayBuilder();
        ring.keys().values().stream()
                .filter(entry -> entry.verifiesAt(now))
                .map(entry -> entry.key().publicJwkJson())
                .flatMap(Optional::stream)
                .sorted()
                .forEach(jwk -> keys.add(Jsons.createReader(new StringReader(jwk)).readObject()));
        return Jsons.createObjectBuilder().add("keys", keys).build().toString();
    }

    /** The keys as stored, for the admin console: newest first. */
    public List<StoredSigningKey> stored() {
        return store.all();
    }

    /** An immutable view of the loaded keys. */
    record KeyRing(Optional<SigningKey> active, Map<String, Entry> keys) {

        static final KeyRing EMPTY = new KeyRing(Optional.empty(), Map.of());

        record Entry(SigningKey key, VerificationKey verification, Instant verifyUntil) {

            Entry(SigningKey key, Instant verifyUntil) {
                this(key, key.verification(), verifyUntil);
            }

            boolean verifiesAt(Instant now) {
                return verifyUntil == null || now.isBefore(verifyUntil);
            }
        }
    }
}
