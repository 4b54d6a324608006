package dev.tokenmanager.cluster;

import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * A {@link SharedStore} over a distributed map that offers only conditional writes: an update reads the value,
 * computes the replacement and writes it only if nobody changed the value meanwhile, retrying on conflict.
 */
final class CompareAndSetStore implements SharedStore {

    private static final Logger LOG = Logger.getLogger(CompareAndSetStore.class.getName());
    private static final int ATTEMPTS = 50;

    /** The conditional writes of the distributed map, each atomic across the cluster. */
    interface Cells {
        /** The raw value of {@code key}, null when absent. */
        String get(String key);

        boolean putIfAbsent(String key, String value);

        boolean replace(String key, String expected, String value);

        boolean remove(String key, String expected);

        void remove(String key);

        /** The value a raw value stands for (null when it ran out); the identity where the map expires entries. */
        default String decode(String raw) {
            return raw;
        }

        /** The raw value to write for {@code value}. */
        default String encode(String value) {
            return value;
        }
    }

    private final Cells cells;

    CompareAndSetStore(Cells cells) {
        this.cells = cells;
    }

    @Override
    public String get(String key) {
        String raw = cells.get(key);
        return raw == null ? null : cells.decode(raw);
    }

    @Override
    public void update(String key, UnaryOperator<String> update) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String raw = cells.get(key);
            String replacement = update.apply(raw == null ? null : cells.decode(raw));
            boolean done;
            if (raw == null) {
                done = replacement == null || cells.putIfAbsent(key, cells.encode(replacement));
            } else if (replacement == null) {
                done = cells.remove(key, raw);
            } else {
                done = cells.replace(key, raw, cells.encode(replacement));
            }
            if (done) {
                return;
            }
        }
        LOG.warning("gave up updating " + key + " after " + ATTEMPTS + " conflicting attempts");
    }

    @Override
    public void remove(String key) {
        cells.remove(key);
    }
}
