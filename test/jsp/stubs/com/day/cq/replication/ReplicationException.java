package com.day.cq.replication;

/** Stub of AEM's replication exception. */
public class ReplicationException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReplicationException(String message) {
        super(message);
    }
}
