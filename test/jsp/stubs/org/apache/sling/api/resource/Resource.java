package org.apache.sling.api.resource;

import org.apache.sling.api.adapter.Adaptable;

/** Stub: only what the package's scripts call (Sling API Javadoc). */
public interface Resource extends Adaptable {
    String getPath();

    Iterable<Resource> getChildren();
}
