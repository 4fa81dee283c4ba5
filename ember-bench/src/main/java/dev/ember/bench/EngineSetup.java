package dev.ember.bench;

/** How to start one engine's JVM: the java binary, its class path and the engine class the runner loads. */
record EngineSetup(String name, String java, String classpath, String engineClass) {}
