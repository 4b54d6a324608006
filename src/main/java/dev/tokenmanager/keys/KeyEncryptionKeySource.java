package dev.tokenmanager.keys;

import dev.tokenmanager.crypto.KeyEncryption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds the key-encryption key: from configuration ({@code token-manager.key-encryption-key}, 32 bytes in base64),
 * or else from the file {@code key-encryption.key} in the data folder, generated there once. Never from the
 * database.
 */
final class KeyEncryptionKeySource {

    static final String FILE_NAME = "key-encryption.key";

    private static final Logger LOG = Logger.getLogger(KeyEncryptionKeySource.class.getName());

    private KeyEncryptionKeySource() {
    }

    static KeyEncryption load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return new KeyEncryption(decode(configured.get(), "token-manager.key-encryption-key"));
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return new KeyEncryption(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the key-encryption key file " + file
                    + "; set token-manager.key-encryption-key or make the data folder writable", e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KeyEncryption.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] encoded = Base64.getEncoder().encode(key);
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
                LOG.warning("cannot restrict the permissions of " + file + " on this file system");
            }
        } catch (FileAlreadyExistsException e) {
            return; // another node sharing the data folder created it first: use theirs
        }
        Files.write(file, encoded, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        LOG.info("generated the key-encryption key " + file + "; back it up with the database");
    }

    private static byte[] decode(String value, String source) {
        String trimmed = value.trim();
        try {
            byte[] key = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
            if (key.length != KeyEncryption.KEY_BYTES) {
                throw new IllegalStateException(source + " must hold " + KeyEncryption.KEY_BYTES
                        + " bytes in base64, not " + key.length);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", e);
        }
    }
}
