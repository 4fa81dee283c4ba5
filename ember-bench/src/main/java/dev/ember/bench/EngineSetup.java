package dev.ember.bench;

import java.util.List;

/**
 * How to start one engine's JVM: the java binary, its class path, the engine class the runner loads, and options
 * for this engine's JVMs only (after the options both engines share).
 */
record EngineSetup(String name, String java, String classpath, String engineClass, List<String> jvmOptions) {}
