package io.liveswap.mediator.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** A service reference that only has a name and properties: what the mediators' code reads from one. */
final class FakeReference implements ServiceReference<Object> {

    private final String name;
    private final Map<String, Object> properties;

    FakeReference(String name) {
        this(name, Map.of());
    }

    FakeReference(String name, Map<String, Object> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Object getProperty(String key) {
        return properties.get(key);
    }

    @Override
    public String[] getPropertyKeys() {
        return properties.keySet().toArray(String[]::new);
    }

    @Override
    public Bundle getBundle() {
        return null;
    }

    @Override
    public Bundle[] getUsingBundles() {
        return null;
    }

    @Override
    public boolean isAssignableTo(Bundle bundle, String className) {
        return true;
    }

    @Override
    public int compareTo(Object reference) {
        return name.compareTo(((FakeReference) reference).name);
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return new Hashtable<>(properties);
    }

    @Override
    public <A> A adapt(Class<A> type) {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
