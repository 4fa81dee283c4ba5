package dev.ember.sql.parser;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/** A compact rendering of a parse tree that shows only its grouping: "(a OR (b AND c))". */
final class TreeShapes {
    private TreeShapes() {}

    static String shape(ParseTree tree) {
        if (tree instanceof TerminalNode terminal) {
            return terminal.getText();
        }
        ParserRuleContext ctx = (ParserRuleContext) tree;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ctx.getChildCount(); i++) {
            ParseTree child = ctx.getChild(i);
            if (child instanceof TerminalNode t && t.getSymbol().getType() == EmberSqlLexer.EOF) {
                continue;
            }
            String part = shape(child);
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        // A node with a single meaningful child is only a layer of the grammar, not a grouping.
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return parts.isEmpty() ? "" : "(" + String.join(" ", parts) + ")";
    }

    /** The first node of the given type, searching depth first. */
    static <T extends ParserRuleContext> T find(ParseTree tree, Class<T> type) {
        if (type.isInstance(tree)) {
            return type.cast(tree);
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            T found = find(tree.getChild(i), type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Every node of the given type, depth first. */
    static <T extends ParserRuleContext> List<T> findAll(ParseTree tree, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(tree, type, found);
        return found;
    }

    private static <T extends ParserRuleContext> void collect(ParseTree tree, Class<T> type, List<T> found) {
        if (type.isInstance(tree)) {
            found.add(type.cast(tree));
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            collect(tree.getChild(i), type, found);
        }
    }
}
