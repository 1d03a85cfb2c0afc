package org.apache.sling.api.resource;

import org.apache.sling.api.adapter.Adaptable;

/** Stub: only what the health script calls (Sling API Javadoc). */
public interface ResourceResolver extends Adaptable {
    String getUserID();
}
