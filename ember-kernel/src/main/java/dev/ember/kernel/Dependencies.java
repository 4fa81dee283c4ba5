package dev.ember.kernel;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves {@code %maven group:artifact:version} with Maven's own resolver: the artifact and its runtime dependencies,
 * from Maven Central (and any repositories named in {@code ember.kernel.maven.repositories}), cached in the local
 * repository ({@code ~/.m2/repository}, or {@code ember.kernel.maven.localRepository}). Artifacts already on the
 * kernel's class path (same group and artifact, any version) are left out, so that a notebook never loads a second
 * copy of a library Ember itself uses.
 */
final class Dependencies {
    /** What was resolved: jars to add, and the artifacts left out as already present. */
    record Resolved(List<Path> jars, List<String> alreadyPresent) {}

    private Dependencies() {}

    static Resolved resolve(List<String> coordinates) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            String configured = System.getProperty(KernelConfig.MAVEN_LOCAL_REPOSITORY.key(), "");
            Path local = configured.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                    : Path.of(configured);
            session.setLocalRepositoryManager(
                    system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
            session.setConfigProperty("aether.connector.connectTimeout", 20_000);
            session.setConfigProperty("aether.connector.requestTimeout", 120_000);
            List<RemoteRepository> repositories = new ArrayList<>();
            repositories.add(new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/")
                    .build());
            String extra = System.getProperty(KernelConfig.MAVEN_REPOSITORIES.key(), "");
            int n = 0;
            for (String url : extra.split(",")) {
                if (!url.isBlank()) {
                    repositories.add(new RemoteRepository.Builder("repo-" + n++, "default", url.trim()).build());
                }
            }
            CollectRequest collect = new CollectRequest();
            for (String coordinate : coordinates) {
                Artifact artifact;
                try {
                    artifact = new DefaultArtifact(coordinate);
                } catch (IllegalArgumentException e) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "%maven: '" + coordinate
                                    + "' is not group:artifact:version (or group:artifact:type:version)");
                }
                collect.addDependency(new Dependency(artifact, JavaScopes.RUNTIME));
            }
            collect.setRepositories(repositories);
            List<ArtifactResult> results;
            try {
                results = system.resolveDependencies(
                                session,
                                new DependencyRequest(
                                        collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)))
                        .getArtifactResults();
            } catch (DependencyResolutionException e) {
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, "%maven: " + e.getMessage(), e);
            }
            Set<String> present = onClassPath();
            List<Path> jars = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (ArtifactResult result : results) {
                Artifact artifact = result.getArtifact();
                if (artifact == null || artifact.getFile() == null) {
                    continue;
                }
                if (present.contains(artifact.getArtifactId())) {
                    skipped.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion());
                } else {
                    jars.add(artifact.getFile().toPath().toAbsolutePath());
                }
            }
            return new Resolved(jars, skipped);
        } finally {
            system.shutdown();
        }
    }

    /** Artifact ids of the jars on this JVM's class path, read from their file names ({@code name-1.2.3.jar}). */
    private static Set<String> onClassPath() {
        Set<String> ids = new HashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null
                    ? ""
                    : Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar")) {
                String base = name.substring(0, name.length() - 4);
                int version = base.length();
                for (int i = 1; i < base.length(); i++) {
                    if (base.charAt(i - 1) == '-' && Character.isDigit(base.charAt(i))) {
                        version = i - 1;
                        break;
                    }
                }
                ids.add(base.substring(0, version));
            }
        }
        return ids;
    }
}
