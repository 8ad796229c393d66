package io.liveswap.mediator.internal;

import org.osgi.framework.ServiceReference;

import io.liveswap.factory.InstanceFactory;

/** Whether a multi-instance unit's instances move eagerly: the new factory's say, else the configuration's. */
record MigrationChoice(boolean eagerByDefault) {

    static MigrationChoice of(MediatorConfig config) {
        return new MigrationChoice(parse(config.instanceMigration(), "configuration " + MediatorConfig.PID));
    }

    boolean eager(ServiceReference<?> factory) {
        Object declared = factory.getProperty(InstanceFactory.MIGRATION);
        return declared == null ? eagerByDefault
                : parse(declared.toString(), "service property " + InstanceFactory.MIGRATION + " of " + factory);
    }

    private static boolean parse(String value, String where) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case InstanceFactory.EAGER -> true;
            case InstanceFactory.LAZY -> false;
            default -> throw new IllegalArgumentException("'" + value + "' in " + where + " is not a migration mode;"
                    + " use " + InstanceFactory.EAGER + " or " + InstanceFactory.LAZY);
        };
    }
}
