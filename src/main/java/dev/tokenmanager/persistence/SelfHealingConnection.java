package dev.tokenmanager.persistence;

import dev.tokenmanager.persistence.DatabaseFailures;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JDBC connection that outlives a database restart: once a call fails because the connection is lost, the next
 * call opens a new physical connection (with the settings the pool gave the old one) before it proceeds. Servers
 * whose pools do not check the connections of an application-defined data source (WildFly) keep working when the
 * database comes back, instead of handing out dead connections forever.
 */
final class SelfHealingConnection implements InvocationHandler {

    /** Opens a physical connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Map<String, Object[]> settings = new LinkedHashMap<>();
    private Connection delegate;
    private boolean lost;

    private SelfHealingConnection(Opener opener, Connection first) {
        this.opener = opener;
        this.delegate = first;
    }

    static Connection open(Opener opener) throws SQLException {
        return (Connection) Proxy.newProxyInstance(SelfHealingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new SelfHealingConnection(opener, opener.open()));
    }

    @Override
    public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "close" -> {
                closeQuietly(delegate);
                return null;
            }
            case "isClosed" -> {
                return !lost && delegate.isClosed();
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "SelfHealingConnection[" + delegate + "]";
            }
            default -> { }
        }
        if (lost) {
            heal();
        }
        try {
            Object result = method.invoke(delegate, args);
            if (name.startsWith("set") && args != null && isSetting(name)) {
                settings.put(name, args);
            }
            return result;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (DatabaseFailures.isDatabaseUnavailable(cause)) {
                lost = true;
            }
            throw cause;
        }
    }

    private static boolean isSetting(String name) {
        return switch (name) {
            case "setAutoCommit", "setTransactionIsolation", "setReadOnly", "setCatalog", "setSchema",
                 "setHoldability" -> true;
            default -> false;
        };
    }

    private void heal() throws SQLException {
        Connection fresh = opener.open();
        for (Map.Entry<String, Object[]> setting : settings.entrySet()) {
            try {
                for (Method method : Connection.class.getMethods()) {
                    if (method.getName().equals(setting.getKey()) && method.getParameterCount()
                            == setting.getValue().length) {
                        method.invoke(fresh, setting.getValue());
                        break;
                    }
                }
            } catch (ReflectiveOperationException e) {
                closeQuietly(fresh);
                throw new SQLException("cannot restore a setting of the reopened connection", "08003", e);
            }
        }
        closeQuietly(delegate);
        delegate = fresh;
        lost = false;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // It is gone either way.
        }
    }
}
