package dev.tokenmanager.console;

import dev.tokenmanager.admin.UserAdministration;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.session.SessionKind;
import dev.tokenmanager.session.SessionQuery;
import dev.tokenmanager.session.SessionService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The sessions page: every user's live sessions in a lazy table paged, filtered and sorted by the database; the
 * counts and the chart above it; revoking one session or all of a user's.
 */
@Named
@ViewScoped
public class SessionsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SessionService sessions;
    @Inject
    UserAdministration users;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clients;

    private LazyDataModel<SessionRow> model;
    private long activeSessions;
    private long usersWithSessions;
    private String deviceChart;
    private List<String> deviceTypes;

    @PostConstruct
    void init() {
        model = new SessionTable();
        refreshCounts();
    }

    private void refreshCounts() {
        Map<String, Long> byDevice = sessions.liveByDeviceType();
        activeSessions = byDevice.values().stream().mapToLong(Long::longValue).sum();
        usersWithSessions = sessions.liveByAccount().size();
        deviceTypes = List.copyOf(byDevice.keySet());
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        JsonArrayBuilder counts = Jsons.createArrayBuilder();
        byDevice.forEach((type, count) -> {
            labels.add(type);
            counts.add(count);
        });
        deviceChart = Jsons.createObjectBuilder()
                .add("type", "bar")
                .add("data", Jsons.createObjectBuilder()
                        .add("labels", labels)
                        .add("datasets", Jsons.createArrayBuilder().add(Jsons.createObjectBuilder()
                                .add("label", "Active sessions")
                                .add("data", counts)
                                .add("backgroundColor", "#4f7cac"))))
                .add("options", Jsons.createObjectBuilder()
                        .add("animation", false)
                        .add("plugins", Jsons.createObjectBuilder()
                                .add("legend", Jsons.createObjectBuilder().add("display", false))))
                .build().toString();
    }

    /** Revokes one session (after the page asked for confirmation). */
    public void revoke(SessionRow row) {
        if (users.revokeSession(row.getId(), caller.require(), clients.of(Faces.request()).ip())) {
            Faces.info("Session '" + row.getName() + "' of " + row.getUsername() + " revoked.");
        } else {
            Faces.error("That session had already ended.");
        }
        refreshCounts();
    }

    /** Revokes every session and named token of the row's user. */
    public void revokeUser(SessionRow row) {
        int revoked = users.revokeSessions(row.getUsername(), caller.require(), clients.of(Faces.request()).ip())
                .orElse(0);
        Faces.info(revoked + " sessions and tokens of " + row.getUsername() + " revoked.");
        refreshCounts();
    }

    public LazyDataModel<SessionRow> getModel() {
        return model;
    }

    public long getActiveSessions() {
        return activeSessions;
    }

    public long getUsersWithSessions() {
        return usersWithSessions;
    }

    public String getDeviceChart() {
        return deviceChart;
    }

    public List<String> getDeviceTypes() {
        return deviceTypes;
    }

    /** The table's rows, fetched a page at a time. */
    private final class SessionTable extends LazyDataModel<SessionRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, sessions.count(query(0, 1, Map.of(), filterBy)));
        }

        @Override
        public List<SessionRow> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                     Map<String, FilterMeta> filterBy) {
            return sessions.search(query(first, pageSize, sortBy, filterBy)).stream().map(SessionRow::new).toList();
        }

        @Override
        public String getRowKey(SessionRow row) {
            return row.getId();
        }

        @Override
        public SessionRow getRowData(String rowKey) {
            return getWrappedData() == null ? null : getWrappedData().stream()
                    .filter(row -> row.getId().equals(rowKey)).findFirst().orElse(null);
        }

        private SessionQuery query(int first, int pageSize, Map<String, SortMeta> sortBy,
                                   Map<String, FilterMeta> filterBy) {
            SessionQuery.Sort sort = SessionQuery.Sort.LAST_SEEN;
            boolean descending = true;
            for (SortMeta meta : sortBy.values()) {
                sort = "created".equals(meta.getField()) ? SessionQuery.Sort.CREATED : SessionQuery.Sort.LAST_SEEN;
                descending = meta.getOrder() != SortOrder.ASCENDING;
            }
            return new SessionQuery(null, text(filterBy, "username"),
                    SessionKind.fromApiName(String.valueOf(filterBy.containsKey("kind")
                            ? filterBy.get("kind").getFilterValue() : "")).orElse(null),
                    text(filterBy, "deviceType"), text(filterBy, "ip"), sort, descending, first, pageSize);
        }

        private String text(Map<String, FilterMeta> filterBy, String field) {
            FilterMeta meta = filterBy.get(field);
            if (meta == null || meta.getFilterValue() == null) {
                return null;
            }
            String value = String.valueOf(meta.getFilterValue()).strip();
            return value.isEmpty() || value.length() > 128 ? null : value;
        }
    }
}
