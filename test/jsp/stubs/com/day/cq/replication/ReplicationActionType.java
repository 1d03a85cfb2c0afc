package com.day.cq.replication;

/** Stub of AEM's enum (the values the test publish uses, and the others AEM has). */
public enum ReplicationActionType {
    ACTIVATE, DEACTIVATE, DELETE, TEST, REVERSE, INTERNAL_POLL
}
