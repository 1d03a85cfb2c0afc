package com.day.cq.dam.api;

/** Stub of the AEM 6.5 DAM interface. */
public interface Asset {
    String getPath();
}
