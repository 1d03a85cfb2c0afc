package com.day.cq.dam.api;

import java.io.InputStream;

/** Stub: only what the test publish calls (AEM 6.5 Javadoc). */
public interface AssetManager {
    Asset createAsset(String path, InputStream is, String mimeType, boolean doSave);
}
