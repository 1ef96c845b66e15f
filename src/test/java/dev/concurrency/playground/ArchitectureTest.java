package dev.concurrency.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture as the source tree states it, checked from the sources themselves: which package
 * may use which, and the README's package map naming exactly the packages there are.
 *
 * <p>Layers, from the bottom: {@code strategy} (the counters and their lessons), {@code engine} (one
 * trial), {@code experiment} and {@code store} (experiments, their analysis, running and storing
 * them), the outside world ({@code api}, {@code ops}), and in front of it the filters every request
 * passes ({@code http}, which may answer with an {@code api.problem}). A package may use its own
 * layer and the ones below, never one above; {@code config} may be used by any layer from
 * {@code experiment} up and uses nothing of ours. Within a layer the packages must not form a cycle,
 * so every package can be read after the ones it uses.
 */
class ArchitectureTest {

    private static final String BASE = "dev.concurrency.playground";
    private static final Path SOURCES = Path.of("src/main/java/dev/concurrency/playground");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?" + Pattern.quote(BASE) + "\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]", Pattern.MULTILINE);
    /** A package-map row in the README: the package in backticks in the first cell. */
    private static final Pattern MAP_ROW = Pattern.compile("^\\| `([a-z.]+)` \\|", Pattern.MULTILINE);

    /** Each package's own name (relative to the base) and the packages of ours it imports. */
    static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                assertTrue(declared.find(), file + " declares no package");
                String own = relative(declared.group(1));
                Set<String> uses = graph.computeIfAbsent(own, p -> new TreeSet<>());
                Matcher imported = IMPORT.matcher(source);
                while (imported.find()) {
                    if (!imported.group(1).equals(own)) {
                        uses.add(imported.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String relative(String pkg) {
        return pkg.equals(BASE) ? "" : pkg.substring(BASE.length() + 1);
    }

    /** 0 strategy, 1 engine, 2 experiment and store, 3 api and ops, 4 http and web; config apart (-1). */
    static int layer(String pkg) {
        String top = pkg.split("\\.")[0];
        return switch (top) {
            case "strategy" -> 0;
            case "engine" -> 1;
            case "experiment", "store" -> 2;
            case "api", "ops" -> 3;
            case "http", "web" -> 4;
            case "config" -> -1;
            default -> throw new AssertionError("Package '" + pkg + "' belongs to no layer: add it to "
                    + "ArchitectureTest.layer and to the README's package map.");
        };
    }

    @Test
    void noPackageUsesALayerAboveIt() {
        List<String> upward = new ArrayList<>();
        dependencies().forEach((pkg, uses) -> {
            for (String used : uses) {
                boolean allowed = layer(used) == -1 ? layer(pkg) >= 2 : layer(used) <= layer(pkg) && layer(pkg) != -1;
                if (!allowed) {
                    upward.add(pkg + " -> " + used);
                }
            }
        });
        assertEquals(List.of(), upward, "Dependencies point http -> api -> experiment -> engine -> strategy, and only "
                + "experiment and above read config; these point the other way");
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> graph = dependencies();
        List<String> cycle = findCycle(graph);
        assertEquals(List.of(), cycle, "These packages use each other in a circle: " + String.join(" -> ", cycle));
    }

    /**
     * Vert.x below the API is allowed for one thing that is not HTTP: the Redis strategies' client
     * ({@code io.vertx.redis}), and the Vert.x instance whose event loops it runs on.
     */
    private static final List<String> NOT_HTTP = List.of("import io.vertx.redis.", "import io.vertx.core.Vertx;");

    @Test
    void onlyTheOutsideLayerSpeaksHttp() {
        assertEquals(List.of(), importsBelowLayer(2, List.of("jakarta.ws.rs", "io.vertx", "org.jboss.resteasy",
                "io.quarkus.vertx"), NOT_HTTP), "Only api, http and ops speak HTTP");
    }

    @Test
    void theModelKnowsNothingOfJson() {
        // How records are written is the API's decision (api.format.JsonRepresentation), so experiments,
        // trials and strategies carry no Jackson annotations.
        assertEquals(List.of(), importsBelowLayer(2, List.of("com.fasterxml.jackson")).stream()
                .filter(found -> !found.startsWith("store")).toList(), "Only the API decides how records look as JSON");
    }

    /** Every import of one of {@code prefixes} in the packages of layer {@code top} and below (config included). */
    private static List<String> importsBelowLayer(int top, List<String> prefixes) {
        return importsBelowLayer(top, prefixes, List.of());
    }

    /** As above, leaving out the import lines that begin with one of {@code except}. */
    private static List<String> importsBelowLayer(int top, List<String> prefixes, List<String> except) {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                if (layer(pkg) > top) {
                    continue;
                }
                String source = Files.readString(file).lines()
                        .filter(line -> except.stream().noneMatch(line::startsWith))
                        .collect(java.util.stream.Collectors.joining("\n"));
                for (String prefix : prefixes) {
                    if (source.contains("import " + prefix)) {
                        offending.add(SOURCES.relativize(file) + " imports " + prefix);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return offending;
    }

    @Test
    void theReadmesPackageMapNamesEveryPackageAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Architecture");
        assertTrue(start >= 0, "README.md has no '## Architecture' section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> mapped = new TreeSet<>();
        Matcher row = MAP_ROW.matcher(section);
        while (row.find()) {
            mapped.add(row.group(1));
        }
        Set<String> actual = new TreeSet<>(dependencies().keySet());
        actual.remove("");
        assertEquals(actual, mapped, "The README's package map (rows '| `package` | role |' under "
                + "'## Architecture') must list exactly the packages under " + SOURCES);
    }

    /** A cycle in the graph as the packages along it (first repeated at the end), or empty if none. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String pkg, Map<String, Set<String>> graph, Map<String, Integer> state,
            List<String> path) {
        Integer seen = state.get(pkg);
        if (seen != null && seen == 2) {
            return List.of();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
            cycle.add(pkg);
            return cycle;
        }
        state.put(pkg, 1);
        path.add(pkg);
        for (String used : graph.getOrDefault(pkg, Set.of())) {
            List<String> cycle = visit(used, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(pkg, 2);
        return List.of();
    }

    @Test
    void theCycleFinderFindsACycleAndOnlyACycle() {
        // The checks above pass on a good tree; this shows the finder would catch a bad one.
        assertEquals(List.of("a", "b", "c", "a"),
                findCycle(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")))));
        assertEquals(List.of(), findCycle(new TreeMap<>(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of()))));
    }
}
