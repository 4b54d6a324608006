package dev.tokenmanager.bench;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One thread's place in a pool of inputs, cycled through so that no input repeats before all others were used. */
@State(Scope.Thread)
public class Cursor {

    // Threads start at different places, so that several threads do not present the same input together.
    private int position = ThreadLocalRandom.current().nextInt(1 << 20);

    /** The index of the next input of a pool of {@code size}. */
    int next(int size) {
        if (++position >= size) {
            position = 0;
        }
        return position;
    }
}
