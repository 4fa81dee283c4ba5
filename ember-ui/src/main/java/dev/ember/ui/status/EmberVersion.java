package dev.ember.ui.status;

/** The engine's version, from the jar's manifest ({@code dev} when run from classes). */
public final class EmberVersion {
    public static final String VERSION = version();

    private EmberVersion() {}

    private static String version() {
        String version = dev.ember.events.EmberListener.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
