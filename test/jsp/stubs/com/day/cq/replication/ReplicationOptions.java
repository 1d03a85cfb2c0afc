package com.day.cq.replication;

/** Stub of AEM's options class: only the agent filter the test publish sets. */
public class ReplicationOptions {
    private AgentFilter filter;

    public void setFilter(AgentFilter filter) {
        this.filter = filter;
    }

    public AgentFilter getFilter() {
        return filter;
    }
}
