package dev.tokenmanager.identity.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.tokenmanager.identity.ExternalIdentity;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;

/**
 * One LDAP directory, through the UnboundID LDAP SDK: finds a person by their login name (the configured user filter
 * and the login attribute, combined as filter objects: the name is never pasted into filter text), binds as them with
 * their password, and reads their stable id, username and groups. Connections are pooled; TLS (LDAPS or StartTLS)
 * checks the directory's certificate and host name. Thread-safe.
 */
public final class Directory implements AutoCloseable {

    /** What a sign-in through the directory came to. */
    public sealed interface Outcome {
        /** The directory knows the person and the password is theirs. */
        record Authenticated(ExternalIdentity identity) implements Outcome {
        }

        /** No entry (or more than one) matches the login name and the user filter. */
        record NoSuchPerson() implements Outcome {
        }

        /** The entry exists but the bind with the password failed. */
        record WrongPassword() implements Outcome {
        }

        /** The directory could not be reached or did not answer in time. */
        record Unavailable() implements Outcome {
        }
    }

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    /** Result codes that say the directory, not the credentials, is the problem. */
    private static final Set<ResultCode> UNAVAILABLE = Set.of(ResultCode.SERVER_DOWN, ResultCode.CONNECT_ERROR,
            ResultCode.TIMEOUT, ResultCode.UNAVAILABLE, ResultCode.BUSY, ResultCode.LOCAL_ERROR,
            ResultCode.DECODING_ERROR, ResultCode.ENCODING_ERROR, ResultCode.OTHER, ResultCode.ADMIN_LIMIT_EXCEEDED,
            ResultCode.TIME_LIMIT_EXCEEDED, ResultCode.OPERATIONS_ERROR, ResultCode.PROTOCOL_ERROR);

    private final DirectorySettings settings;
    private final Filter userFilter;
    private final Filter groupFilter;
    private final LDAPConnectionPool searches;
    private final LDAPConnectionPool binds;

    public Directory(DirectorySettings settings) {
        this.settings = settings;
        try {
            this.userFilter = Filter.create(settings.userFilter());
            this.groupFilter = Filter.create(settings.groupFilter());
        } catch (LDAPException e) {
            throw new IllegalArgumentException("token-manager.ldap." + settings.name()
                    + ".user-filter and group-filter must be LDAP filters (RFC 4515)", e);
        }
        try {
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(Math.toIntExact(settings.connectTimeout().toMillis()));
            options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
            options.setBindWithDNRequiresPassword(true);
            options.setUseKeepAlive(true);
            SocketFactory sockets = SocketFactory.getDefault();
            PostConnectProcessor startTls = null;
            if (settings.usesTls()) {
                SSLUtil ssl = new SSLUtil(trustManager(settings));
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
                if (settings.startTls()) {
                    startTls = new StartTLSPostConnectProcessor(ssl.createSSLSocketFactory());
                } else {
                    sockets = ssl.createSSLSocketFactory();
                }
            }
            int port = settings.url().getPort() > 0 ? settings.url().getPort()
                    : "ldaps".equals(settings.url().getScheme()) ? 636 : 389;
            ServerSet server = new SingleServerSet(settings.url().getHost(), port, sockets, options);
            SimpleBindRequest service = settings.bindDn()
                    .map(dn -> new SimpleBindRequest(dn, settings.bindPassword().orElseThrow())).orElse(null);
            // No connection is opened here: a directory that is down at start-up must not stop the application.
            this.searches = new LDAPConnectionPool(server, service, 0, settings.maxConnections(), startTls, false);
            this.binds = new LDAPConnectionPool(server, null, 0, settings.maxConnections(), startTls, false);
            for (LDAPConnectionPool pool : List.of(searches, binds)) {
                pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.allOf(OperationType.class));
                pool.setMaxWaitTimeMillis(settings.responseTimeout().toMillis());
                pool.setConnectionPoolName("token-manager ldap:" + settings.name());
            }
        } catch (LDAPException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare LDAP directory " + settings.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static TrustManager trustManager(DirectorySettings settings) {
        if (settings.trustStore().isEmpty()) {
            return JVMDefaultTrustManager.getInstance();
        }
        char[] password = settings.trustStorePassword().map(String::toCharArray).orElse(null);
        return new TrustStoreTrustManager(settings.trustStore().get().toFile(), password, "PKCS12", true);
    }

    public DirectorySettings settings() {
        return settings;
    }

    /**
     * Signs {@code login} in with {@code password}: search (as the service account) for the one entry matching the
     * user filter and the login name, then bind as that entry. An empty password is refused before anything is sent
     * (an LDAP bind with a DN and no password is an anonymous bind that succeeds).
     */
    public Outcome authenticate(String login, String password) {
        if (password == null || password.isEmpty() || login == null || login.isEmpty()) {
            return new Outcome.WrongPassword();
        }
        SearchResultEntry entry;
        try {
            entry = find(settings.loginAttribute(), login);
        } catch (LDAPException e) {
            // Any failure to look people up (unreachable, TLS refused, the service account refused) stops sign-ins
            // through this directory; it is not the person's fault.
            LOG.warning("ldap:" + settings.name() + " cannot look people up: " + e.getResultCode() + " "
                    + e.getDiagnosticMessage());
            return new Outcome.Unavailable();
        }
        if (entry == null) {
            return new Outcome.NoSuchPerson();
        }
        try {
            binds.bind(new SimpleBindRequest(entry.getDN(), password));
        } catch (LDAPException e) {
            if (isUnavailable(e)) {
                LOG.warning("ldap:" + settings.name() + " cannot be reached for a bind: " + e.getResultCode());
                return new Outcome.Unavailable();
            }
            return new Outcome.WrongPassword();
        }
        try {
            return identityOf(entry).<Outcome>map(Outcome.Authenticated::new).orElseGet(Outcome.NoSuchPerson::new);
        } catch (LDAPException e) {
            LOG.warning("ldap:" + settings.name() + " cannot look groups up: " + e.getResultCode() + " "
                    + e.getDiagnosticMessage());
            return new Outcome.Unavailable();
        }
    }

    /** The single entry with {@code attribute=value} that matches the user filter; null when none or several do. */
    private SearchResultEntry find(String attribute, String value) throws LDAPException {
        Filter filter = Filter.createANDFilter(userFilter, Filter.createEqualityFilter(attribute, value));
        List<String> attributes = new ArrayList<>(List.of(settings.idAttribute(), settings.usernameAttribute()));
        settings.groupAttribute().ifPresent(attributes::add);
        SearchRequest request = new SearchRequest(settings.userBase(), SearchScope.SUB, filter,
                attributes.toArray(String[]::new));
        request.setSizeLimit(2);
        request.setTimeLimitSeconds(Math.max(1, (int) settings.responseTimeout().toSeconds()));
        SearchResult result;
        try {
            result = searches.search(request);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                LOG.warning("ldap:" + settings.name() + ": several entries match one login name; none signs in");
                return null;
            }
            throw e;
        }
        if (result.getEntryCount() != 1) {
            if (result.getEntryCount() > 1) {
                LOG.warning("ldap:" + settings.name() + ": several entries match one login name; none signs in");
            }
            return null;
        }
        return result.getSearchEntries().get(0);
    }

    private java.util.Optional<ExternalIdentity> identityOf(SearchResultEntry entry) throws LDAPException {
        String id = stableId(entry);
        String username = entry.getAttributeValue(settings.usernameAttribute());
        if (id == null || username == null) {
            LOG.warning("ldap:" + settings.name() + ": entry " + entry.getDN() + " lacks " + settings.idAttribute()
                    + " or " + settings.usernameAttribute() + "; it cannot sign in");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ExternalIdentity(settings.source(), id, username,
                settings.groupMap().map(groupsOf(entry))));
    }

    /** The entry's stable id: {@code objectGUID} as its GUID text (AD's binary form), any other attribute as text. */
    private String stableId(SearchResultEntry entry) {
        Attribute attribute = entry.getAttribute(settings.idAttribute());
        if (attribute == null || attribute.size() != 1) {
            return null;
        }
        if (settings.idAttribute().equalsIgnoreCase("objectGUID")) {
            byte[] guid = attribute.getValueByteArray();
            return guid.length == 16 ? guidText(guid) : null;
        }
        return attribute.getValue();
    }

    /** AD's GUID text: the first three groups little-endian. */
    static String guidText(byte[] b) {
        return String.format("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    }

    /**
     * The names of the entry's groups: from its group attribute (the DNs and their first RDN values), and from a
     * group search.
     */
    private Set<String> groupsOf(SearchResultEntry entry) throws LDAPException {
        Set<String> names = new LinkedHashSet<>();
        if (settings.groupAttribute().isPresent()) {
            String[] values = entry.getAttributeValues(settings.groupAttribute().get());
            for (String dn : values == null ? new String[0] : values) {
                names.add(dn);
                firstRdnValue(dn).ifPresent(names::add);
            }
        }
        if (settings.groupBase().isPresent()) {
            Filter filter = Filter.createANDFilter(groupFilter,
                    Filter.createEqualityFilter(settings.groupMemberAttribute(), entry.getDN()));
            SearchRequest request = new SearchRequest(settings.groupBase().get(), SearchScope.SUB, filter,
                    settings.groupNameAttribute());
            request.setSizeLimit(1000);
            request.setTimeLimitSeconds(Math.max(1, (int) settings.responseTimeout().toSeconds()));
            for (SearchResultEntry group : searches.search(request).getSearchEntries()) {
                names.add(group.getDN());
                String name = group.getAttributeValue(settings.groupNameAttribute());
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static java.util.Optional<String> firstRdnValue(String dn) {
        try {
            RDN rdn = new DN(dn).getRDN();
            return rdn == null || rdn.getAttributeValues().length == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(rdn.getAttributeValues()[0]);
        } catch (LDAPException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isUnavailable(LDAPException e) {
        return UNAVAILABLE.contains(e.getResultCode()) || !ResultCode.isConnectionUsable(e.getResultCode());
    }

    @Override
    public void close() {
        searches.close();
        binds.close();
    }

    @Override
    public String toString() {
        return "Directory[" + settings + "]";
    }
}
