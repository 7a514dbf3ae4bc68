package io.siocluster.core.protocol;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Room lists as operators build them with {@code to(...)} and {@code except(...)}. */
public final class Rooms {

    private Rooms() {
    }

    /** {@code existing} followed by the rooms of {@code more} it lacks, in order, each once; immutable. */
    public static List<String> union(List<String> existing, String... more) {
        Set<String> all = new LinkedHashSet<>(existing);
        for (String room : more) {
            all.add(Objects.requireNonNull(room, "room"));
        }
        return List.copyOf(all);
    }
}
