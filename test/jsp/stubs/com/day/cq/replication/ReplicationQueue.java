package com.day.cq.replication;

import java.util.List;
import java.util.Set;

/** Stub: only what the test publish calls (AEM 6.5 Javadoc). */
public interface ReplicationQueue {
    List<Entry> entries(String path);

    void clear(Set<String> ids);

    interface Entry {
        String getId();
    }
}
