package com.day.cq.replication;

/** Stub of AEM's interface: which agents a replication goes to. */
public interface AgentFilter {
    boolean isIncluded(Agent agent);
}
