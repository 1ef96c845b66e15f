package dev.concurrency.playground.strategy;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EndElementTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Class Javadoc rendered to plain text, with the JDK's own Javadoc parser ({@code com.sun.source}),
 * so that nested braces, entities and every tag are read as {@code javadoc} reads them.
 *
 * <p>{@code {@code x}} and {@code {@literal x}} become {@code x}; {@code {@link A#b() label}} becomes
 * its label, or without one a readable reference ({@code A.b()}, {@code b()} for {@code #b()});
 * {@code <p>} starts a paragraph; inline HTML tags ({@code <b>}, {@code <i>}, ...) are dropped and
 * entities decoded; whitespace is collapsed to single spaces. Anything else (a list, a table, an
 * {@code {@inheritDoc}}) has no faithful plain-text form here, and is refused rather than dropped.
 * Block tags ({@code @see}, {@code @since}) are not part of the lesson and are ignored.
 */
final class JavadocText {

    private static final Set<String> INLINE_HTML = Set.of("b", "i", "em", "strong", "code", "var", "sub", "sup");

    private static final Map<String, String> ENTITIES = Map.of(
            "lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "nbsp", " ", "ndash", "\u2013",
            "mdash", "\u2014");

    private JavadocText() {
    }

    /**
     * The class Javadoc, as paragraphs, of every concrete top-level class in {@code sourceDir} (one
     * package's sources) that extends {@code superclass}, by simple name, directly or through abstract
     * classes of the same package (whose own Javadoc is not a lesson), in name order.
     */
    static Map<String, List<String>> classJavadocOfSubclasses(Path sourceDir, String superclass) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(sourceDir)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("These tests need a JDK (with jdk.compiler), not a JRE");
        }
        Map<String, String> parents = new TreeMap<>();
        Set<String> abstractClasses = new java.util.HashSet<>();
        Map<String, DocCommentTree> docs = new TreeMap<>();
        Map<String, Boolean> documented = new TreeMap<>();
        Map<String, List<String>> byClass = new TreeMap<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            DocTrees docTrees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                for (Tree declaration : unit.getTypeDecls()) {
                    if (declaration instanceof ClassTree type && type.getExtendsClause() != null) {
                        String name = type.getSimpleName().toString();
                        // By its simple name: DatabaseCounter<Statements> extends DatabaseCounter.
                        parents.put(name, type.getExtendsClause().toString().replaceFirst("<.*", ""));
                        if (type.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.ABSTRACT)) {
                            abstractClasses.add(name);
                        }
                        DocCommentTree doc = docTrees.getDocCommentTree(TreePath.getPath(unit, type));
                        documented.put(name, doc != null);
                        if (doc != null) {
                            docs.put(name, doc);
                        }
                    }
                }
            }
            for (String name : parents.keySet()) {
                if (abstractClasses.contains(name) || !extendsIt(name, superclass, parents, abstractClasses)) {
                    continue;
                }
                if (!documented.get(name)) {
                    throw new IllegalStateException(name + " has no class Javadoc, which is its lesson");
                }
                byClass.put(name, paragraphs(docs.get(name).getFullBody(), name));
            }
        }
        return byClass;
    }

    /** Whether {@code name} extends {@code superclass} directly or through abstract classes of this package. */
    private static boolean extendsIt(String name, String superclass, Map<String, String> parents, Set<String> abstractClasses) {
        String parent = parents.get(name);
        while (parent != null && !parent.equals(superclass)) {
            parent = abstractClasses.contains(parent) ? parents.get(parent) : null;
        }
        return parent != null;
    }

    /** {@code body} as plain-text paragraphs; {@code where} names it in errors. */
    static List<String> paragraphs(List<? extends DocTree> body, String where) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (DocTree node : body) {
            if (node instanceof StartElementTree start && start.getName().contentEquals("p")) {
                end(paragraph, paragraphs);
            } else {
                inline(node, paragraph, where);
            }
        }
        end(paragraph, paragraphs);
        return paragraphs;
    }

    private static void inline(DocTree node, StringBuilder out, String where) {
        switch (node.getKind()) {
            case TEXT -> out.append(((TextTree) node).getBody());
            case CODE, LITERAL -> out.append(((LiteralTree) node).getBody().getBody());
            case LINK, LINK_PLAIN -> {
                LinkTree link = (LinkTree) node;
                if (link.getLabel().isEmpty()) {
                    out.append(readable(link.getReference().getSignature()));
                } else {
                    link.getLabel().forEach(label -> inline(label, out, where));
                }
            }
            case ENTITY -> out.append(entity(((EntityTree) node).getName().toString(), where));
            case START_ELEMENT -> requireInline(((StartElementTree) node).getName().toString(), node, where);
            case END_ELEMENT -> {
                String name = ((EndElementTree) node).getName().toString();
                if (!name.equalsIgnoreCase("p")) {
                    requireInline(name, node, where);
                }
            }
            default -> throw new IllegalArgumentException(where + ": no plain-text form for " + node.getKind()
                    + " in the lesson: " + node);
        }
    }

    private static void requireInline(String element, DocTree node, String where) {
        if (!INLINE_HTML.contains(element.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(where + ": no plain-text form for <" + element + "> in the lesson: "
                    + node);
        }
    }

    /** {@code A#b(int)} as {@code A.b(int)}, {@code #b()} as {@code b()}, a type as it is written. */
    private static String readable(String signature) {
        return (signature.startsWith("#") ? signature.substring(1) : signature).replace('#', '.');
    }

    private static String entity(String name, String where) {
        if (name.startsWith("#x") || name.startsWith("#X")) {
            return Character.toString(Integer.parseInt(name.substring(2), 16));
        }
        if (name.startsWith("#")) {
            return Character.toString(Integer.parseInt(name.substring(1)));
        }
        String text = ENTITIES.get(name);
        if (text == null) {
            throw new IllegalArgumentException(where + ": unknown entity &" + name + ";");
        }
        return text;
    }

    private static void end(StringBuilder paragraph, List<String> paragraphs) {
        String text = paragraph.toString().replaceAll("\\s+", " ").strip();
        if (!text.isEmpty()) {
            paragraphs.add(text);
        }
        paragraph.setLength(0);
    }
}
