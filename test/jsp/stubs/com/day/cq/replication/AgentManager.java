package com.day.cq.replication;

import java.util.Map;

/** Stub: only what the test publish calls (AEM 6.5 Javadoc). */
public interface AgentManager {
    Map<String, Agent> getAgents();
}
