package org.apache.sling.api.adapter;

/** Stub of the Sling API interface (signature from its public Javadoc). */
public interface Adaptable {
    <AdapterType> AdapterType adaptTo(Class<AdapterType> type);
}
