package dev.ember;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of {@code docs/architecture.md}, checked on the compiled classes of the engine: a change that makes a
 * lower layer reach up fails the build here, with the chain of classes that does it.
 *
 * <p>Dependencies are taken class by class (a nested class counts as its top-level class), as the compiler sees
 * them: field and parameter types, calls, casts, annotations.
 */
class ArchitectureTest {
    /** The storage layer and what sits on it: they may use each other and the foundations, nothing above. */
    private static final List<String> LOWER_PACKAGES = List.of(
            "dev.ember.shuffle",
            "dev.ember.storage",
            "dev.ember.memory",
            "dev.ember.collection",
            "dev.ember.broadcast");

    /** What builds and runs jobs: the lower layers must not reach these, however indirectly. */
    private static final List<String> UPPER_PACKAGES =
            List.of("dev.ember.rdd", "dev.ember.scheduler", "dev.ember.executor");

    private static final Set<String> UPPER_CLASSES =
            Set.of("dev.ember.RDD", "dev.ember.PairRDD", "dev.ember.EmberContext");

    private static JavaClasses engine;
    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ember");
        graph = classGraph(engine);
        // Guard against an import that silently found nothing: the rules below would then all pass.
        assertThat(graph).containsKeys("dev.ember.RDD", "dev.ember.shuffle.SortShuffleManager", "dev.ember.EmberConf");
    }

    @Test
    void lowerLayersReachNothingAboveThem() {
        // Walks everything the lower layers depend on, directly or through any other class (the API's value
        // types such as Pair, Partitioner, StorageLevel and TaskContext included). None of it may be an upper
        // class; this also means no lower class sits on an import cycle with an upper one.
        Map<String, String> reachedFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String name : graph.keySet()) {
            if (isLower(name)) {
                reachedFrom.put(name, null);
                queue.add(name);
            }
        }
        assertThat(reachedFrom).isNotEmpty();
        while (!queue.isEmpty()) {
            String from = queue.poll();
            for (String to : graph.getOrDefault(from, Set.of())) {
                if (!reachedFrom.containsKey(to)) {
                    reachedFrom.put(to, from);
                    queue.add(to);
                }
            }
        }
        List<String> violations = new ArrayList<>();
        for (String reached : reachedFrom.keySet()) {
            if (isUpper(reached)) {
                List<String> chain = new ArrayList<>();
                for (String step = reached; step != null; step = reachedFrom.get(step)) {
                    chain.add(0, step);
                }
                violations.add(String.join(" -> ", chain));
            }
        }
        assertThat(violations)
                .as("lower layers (%s) reaching an upper layer (%s, %s)", LOWER_PACKAGES, UPPER_PACKAGES, UPPER_CLASSES)
                .isEmpty();
    }

    @Test
    void noLowerClassSitsOnACycleWithAnUpperClass() {
        List<String> violations = new ArrayList<>();
        for (Set<String> component : stronglyConnectedComponents(graph)) {
            boolean lower = component.stream().anyMatch(ArchitectureTest::isLower);
            boolean upper = component.stream().anyMatch(ArchitectureTest::isUpper);
            if (lower && upper) {
                violations.add(component.toString());
            }
        }
        assertThat(violations)
                .as("import cycles joining a lower and an upper layer")
                .isEmpty();
    }

    @Test
    void blockLevelShuffleApiAndMetricsImportNothingFromTheEngine() {
        classes()
                .that()
                .resideInAPackage("dev.ember.shuffle.api..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.ember.shuffle.api..", "java..")
                .check(engine);
        classes()
                .that()
                .resideInAPackage("dev.ember.metrics..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.ember.metrics..", "java..")
                .check(engine);
    }

    @Test
    void onlyTheClusterLayerSpeaksTheNetwork() {
        noClasses()
                .that()
                .resideInAPackage("dev.ember..")
                .and()
                .resideOutsideOfPackages("dev.ember.network..", "dev.ember.scheduler.cluster..", "dev.ember.deploy..")
                .and()
                .doNotBelongToAnyOf(dev.ember.executor.EmberEnv.class, dev.ember.storage.RpcBlockTransferService.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.ember.network..")
                .check(engine);
    }

    @Test
    void everyPackageSaysWhatItIsForAndWhatItMayNotUse() throws IOException {
        // Every module's sources: a package split across modules (dev.ember.util in common and core) needs its
        // package-info in one of them.
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("ember-core").resolve("pom.xml")).isRegularFile();
        Map<String, Path> packages = new TreeMap<>();
        Map<String, Path> infos = new TreeMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path sources : modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(path -> path.toString().endsWith(".java"))
                            .toList()) {
                        String pkg = sources.relativize(file.getParent())
                                .toString()
                                .replace(java.io.File.separatorChar, '.');
                        packages.putIfAbsent(pkg, root.relativize(file.getParent()));
                        if (file.getFileName().toString().equals("package-info.java")) {
                            infos.put(pkg, file);
                        }
                    }
                }
            }
        }
        assertThat(packages).containsKeys("dev.ember", "dev.ember.shuffle", "dev.ember.network.rpc");
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> pkg : packages.entrySet()) {
            Path info = infos.get(pkg.getKey());
            if (info == null) {
                missing.add(pkg.getValue() + ": no package-info.java");
            } else if (!saysWhatItMayNotUse(Files.readString(info))) {
                missing.add(root.relativize(info) + ": says nothing of what the package may not depend on");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noMainSourceFileIsOverSixHundredLines() throws IOException {
        // A class that grows past this mixes jobs: split it along its seams rather than raise the limit.
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> tooLong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> modules = Files.list(root)) {
            for (Path sources : modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> walk = Files.walk(sources)) {
                    for (Path file : walk.filter(path -> path.toString().endsWith(".java"))
                            .toList()) {
                        files++;
                        long lines;
                        try (Stream<String> content = Files.lines(file)) {
                            lines = content.count();
                        }
                        if (lines > 600) {
                            tooLong.add(root.relativize(file) + ": " + lines + " lines");
                        }
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(100);
        assertThat(tooLong).isEmpty();
    }

    private static boolean saysWhatItMayNotUse(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return Stream.of("never", "nothing", "not depend", "may not", "must not", "no class", "does not use")
                .anyMatch(lower::contains);
    }

    private static boolean isLower(String className) {
        return LOWER_PACKAGES.stream().anyMatch(pkg -> inPackage(className, pkg));
    }

    private static boolean isUpper(String className) {
        return UPPER_CLASSES.contains(className) || UPPER_PACKAGES.stream().anyMatch(pkg -> inPackage(className, pkg));
    }

    private static boolean inPackage(String className, String pkg) {
        return className.startsWith(pkg + ".");
    }

    /** The engine's classes (top-level names) and the engine classes each depends on. */
    private static Map<String, Set<String>> classGraph(JavaClasses classes) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass javaClass : classes) {
            String from = topLevel(javaClass);
            Set<String> targets = edges.computeIfAbsent(from, ignored -> new TreeSet<>());
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                String to = topLevel(target);
                if (to.startsWith("dev.ember.") && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return edges;
    }

    private static String topLevel(JavaClass javaClass) {
        String name = javaClass.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /** Tarjan's algorithm, iterative: the components of more than one class. */
    private static List<Set<String>> stronglyConnectedComponents(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> lowLink = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String root : edges.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
            visit(root, edges, index, lowLink, stack, onStack, counter, work);
            while (!work.isEmpty()) {
                Map.Entry<String, java.util.Iterator<String>> frame = work.peek();
                String node = frame.getKey();
                if (frame.getValue().hasNext()) {
                    String next = frame.getValue().next();
                    if (!index.containsKey(next)) {
                        visit(next, edges, index, lowLink, stack, onStack, counter, work);
                    } else if (onStack.contains(next)) {
                        lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    lowLink.put(parent, Math.min(lowLink.get(parent), lowLink.get(node)));
                }
                if (lowLink.get(node).equals(index.get(node))) {
                    Set<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        components.add(component);
                    }
                }
            }
        }
        return components;
    }

    private static void visit(
            String node,
            Map<String, Set<String>> edges,
            Map<String, Integer> index,
            Map<String, Integer> lowLink,
            Deque<String> stack,
            Set<String> onStack,
            int[] counter,
            Deque<Map.Entry<String, java.util.Iterator<String>>> work) {
        index.put(node, counter[0]);
        lowLink.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        work.push(Map.entry(node, edges.getOrDefault(node, Set.of()).iterator()));
    }

    @Test
    void theCycleCheckFindsACycleWhenThereIsOne() {
        // The component search is only worth trusting if it can fail: a known cycle must be found.
        Map<String, Set<String>> edges = new TreeMap<>();
        edges.put("dev.ember.shuffle.A", Set.of("dev.ember.rdd.B"));
        edges.put("dev.ember.rdd.B", Set.of("dev.ember.C"));
        edges.put("dev.ember.C", Set.of("dev.ember.shuffle.A", "dev.ember.D"));
        edges.put("dev.ember.D", Set.of());
        assertThat(stronglyConnectedComponents(edges))
                .extracting(component -> component.stream().collect(Collectors.joining(",")))
                .containsExactly("dev.ember.C,dev.ember.rdd.B,dev.ember.shuffle.A");
    }
}
