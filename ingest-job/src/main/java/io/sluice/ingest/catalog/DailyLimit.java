package io.sluice.ingest.catalog;

import java.util.ArrayList;
import java.util.List;

/** An operation AWS allows a few times per rolling 24 hours: which of its past times still count. */
final class DailyLimit {

    private DailyLimit() {}

    /** The times within the last day before {@code now}, oldest first ({@code dayMillis}: how long a day lasts). */
    static List<Long> recent(List<Long> times, long now, long dayMillis) {
        List<Long> recent = new ArrayList<>();
        for (long t : times) {
            if (t > now - dayMillis) {
                recent.add(t);
            }
        }
        return recent;
    }
}
