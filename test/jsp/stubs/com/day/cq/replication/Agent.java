package com.day.cq.replication;

/** Stub: only what the test publish calls (AEM 6.5 Javadoc). */
public interface Agent {
    String getId();

    ReplicationQueue getQueue();
}
