package com.day.cq.replication;

import javax.jcr.Session;

/** Stub: only what the test publish calls (AEM 6.5 Javadoc). */
public interface Replicator {
    void replicate(Session session, ReplicationActionType type, String path, ReplicationOptions options) throws ReplicationException;
}
