package org.apache.sling.api.resource;

import java.util.Map;
import org.apache.sling.api.adapter.Adaptable;

/** Stub: only what the package's scripts call (Sling API Javadoc). */
public interface ResourceResolver extends Adaptable {
    String getUserID();

    Resource getResource(String path);

    Resource create(Resource parent, String name, Map<String, Object> properties) throws PersistenceException;

    void delete(Resource resource) throws PersistenceException;

    void commit() throws PersistenceException;
}
