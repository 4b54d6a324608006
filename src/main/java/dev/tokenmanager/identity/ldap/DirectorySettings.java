package dev.tokenmanager.identity.ldap;

import dev.tokenmanager.config.ConfigReader;
import dev.tokenmanager.identity.GroupMap;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One LDAP directory people sign in through, from the settings {@code token-manager.ldap.<name>.*} (see the README).
 *
 * @param url            {@code ldap://host:389} or {@code ldaps://host:636}
 * @param startTls       upgrade an {@code ldap://} connection with StartTLS before anything is sent
 * @param trustStore     a PKCS12 file of the certificates to trust (else the JVM's default trust)
 * @param bindDn         the service account that searches (else searches are made without binding)
 * @param userFilter     what an entry must match to sign in, e.g.
 *                       {@code (&(objectClass=person)(!(pwdAccountLockedTime=*)))}
 * @param loginAttribute the attribute a login name is looked up by ({@code uid}, {@code sAMAccountName})
 * @param usernameAttribute the attribute whose value becomes the username
 * @param idAttribute    the directory's stable id of an entry ({@code entryUUID}, {@code objectGUID})
 * @param groupAttribute the attribute listing the entry's groups by DN ({@code memberOf}); empty: none
 * @param groupBase      where to search for groups that list the entry as a member; empty: no group search
 */
public record DirectorySettings(
        String name,
        URI url,
        boolean startTls,
        Optional<Path> trustStore,
        Optional<String> trustStorePassword,
        Optional<String> bindDn,
        Optional<String> bindPassword,
        String userBase,
        String userFilter,
        String loginAttribute,
        String usernameAttribute,
        String idAttribute,
        Optional<String> groupAttribute,
        Optional<String> groupBase,
        String groupFilter,
        String groupMemberAttribute,
        String groupNameAttribute,
        GroupMap groupMap,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxConnections) {

    /** The source of the accounts and sessions of this directory: {@code ldap:<name>}. */
    public String source() {
        return "ldap:" + name;
    }

    public boolean usesTls() {
        return startTls || "ldaps".equals(url.getScheme());
    }

    /** Reads directory {@code name}'s settings. */
    public static DirectorySettings read(ConfigReader in, String name) {
        String p = "token-manager.ldap." + name + ".";
        URI url;
        String rawUrl = in.required(p + "url");
        try {
            url = URI.create(rawUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + "url must be an ldap:// or ldaps:// URL, not " + rawUrl, e);
        }
        if (!("ldap".equals(url.getScheme()) || "ldaps".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(p + "url must be an ldap:// or ldaps:// URL with a host, not " + rawUrl);
        }
        boolean startTls = in.bool(p + "start-tls", false);
        if (startTls && "ldaps".equals(url.getScheme())) {
            throw new IllegalArgumentException(p + "start-tls upgrades ldap:// connections; an ldaps:// URL is"
                    + " encrypted already");
        }
        Optional<Path> trustStore = in.optional(p + "trust-store").map(Path::of);
        Optional<String> bindDn = in.optional(p + "bind-dn");
        Optional<String> bindPassword = in.optional(p + "bind-password");
        if (bindDn.isPresent() != bindPassword.isPresent()) {
            throw new IllegalArgumentException(p + "bind-dn and " + p + "bind-password go together");
        }
        String login = in.string(p + "login-attribute", "uid");
        Duration connect = in.duration(p + "connect-timeout", "PT5S");
        Duration response = in.duration(p + "response-timeout", "PT10S");
        ConfigReader.requirePositive(p + "connect-timeout", connect);
        ConfigReader.requirePositive(p + "response-timeout", response);
        int maxConnections = in.integer(p + "max-connections", 10);
        if (maxConnections < 1) {
            throw new IllegalArgumentException(p + "max-connections must be 1 or more");
        }
        return new DirectorySettings(name, url, startTls, trustStore, in.optional(p + "trust-store-password"),
                bindDn, bindPassword, in.required(p + "user-base"),
                in.string(p + "user-filter", "(objectClass=person)"), login,
                in.string(p + "username-attribute", login), in.string(p + "id-attribute", "entryUUID"),
                Optional.of(in.string(p + "group-attribute", "memberOf")).filter(v -> !v.equals("-")),
                in.optional(p + "group-base"), in.string(p + "group-filter", "(objectClass=groupOfNames)"),
                in.string(p + "group-member-attribute", "member"), in.string(p + "group-name-attribute", "cn"),
                GroupMap.parse(p + "group-map", in.list(p + "group-map")), connect, response, maxConnections);
    }

    @Override
    public String toString() {
        return "DirectorySettings[" + name + ", " + url + (startTls ? ", StartTLS" : "") + "]";
    }
}
