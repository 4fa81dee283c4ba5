package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.commands.CacheTable;
import dev.ember.sql.plans.logical.commands.ClearCache;
import dev.ember.sql.plans.logical.commands.Command;
import dev.ember.sql.plans.logical.commands.CreateTempViewUsing;
import dev.ember.sql.plans.logical.commands.CreateView;
import dev.ember.sql.plans.logical.commands.DescribeFunction;
import dev.ember.sql.plans.logical.commands.DescribeQuery;
import dev.ember.sql.plans.logical.commands.DescribeTable;
import dev.ember.sql.plans.logical.commands.DropView;
import dev.ember.sql.plans.logical.commands.Explain;
import dev.ember.sql.plans.logical.commands.ResetConfiguration;
import dev.ember.sql.plans.logical.commands.SetConfiguration;
import dev.ember.sql.plans.logical.commands.ShowColumns;
import dev.ember.sql.plans.logical.commands.ShowFunctions;
import dev.ember.sql.plans.logical.commands.ShowTables;
import dev.ember.sql.plans.logical.commands.UncacheTable;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the statements that are not queries: views, settings, caching, {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN};
 * {@link TableCommands} those on databases and tables.
 * A command runs when {@link EmberSession#sql} is called and gives a Dataset of the rows it reports.
 */
final class Commands {
    private Commands() {}

    static Dataset<Row> run(EmberSession session, LogicalPlan plan) {
        if (!(plan instanceof Command command)) {
            return Dataset.ofRows(session, plan);
        }
        List<Object[]> rows = execute(session, command);
        List<InternalRow> internal = new ArrayList<>();
        for (Object[] row : rows) {
            internal.add(InternalRow.of(row));
        }
        return Dataset.ofRows(session, new LocalRelation(command.output(), internal));
    }

    private static List<Object[]> execute(EmberSession session, Command command) {
        List<Object[]> tableRows = TableCommands.execute(session, command);
        if (tableRows != null) {
            return tableRows;
        }
        SessionCatalog catalog = session.sessionCatalog();
        if (command instanceof CreateTempViewUsing create) {
            DataFrameReader reader = session.read().format(create.provider()).options(create.options());
            if (create.userSchema() != null) {
                reader = reader.schema(create.userSchema());
            }
            Dataset<Row> data = reader.load();
            String name = single(create.name(), "a temporary view");
            (create.global() ? catalog.globalTempViews() : catalog.tempViews())
                    .create(name, data.analyzedPlan(), create.replace());
            return List.of();
        }
        if (command instanceof CreateView create) {
            if (!create.temporary()) {
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "Permanent views are not supported yet: the catalog keeps tables; use CREATE TEMPORARY VIEW,"
                                + " or CREATE TABLE ... AS SELECT to keep the rows");
            }
            LogicalPlan query = Dataset.ofRows(session, create.query()).analyzedPlan();
            if (!create.userColumns().isEmpty()) {
                List<Attribute> output = query.output();
                if (output.size() != create.userColumns().size()) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The view's query has " + output.size() + " columns, but "
                                    + create.userColumns().size() + " names were given");
                }
                List<NamedExpression> renamed = new ArrayList<>();
                for (int i = 0; i < output.size(); i++) {
                    renamed.add(
                            Alias.of(output.get(i), create.userColumns().get(i).name()));
                }
                query = new Project(renamed, query);
            }
            String name = single(create.name(), "a temporary view");
            var views = create.global() ? catalog.globalTempViews() : catalog.tempViews();
            if (create.ifNotExists() && views.lookup(name).isPresent()) {
                return List.of();
            }
            views.create(name, query, create.replace());
            return List.of();
        }
        if (command instanceof DropView drop) {
            List<String> parts = drop.nameParts();
            boolean dropped =
                    parts.size() == 2 && Identifiers.normalize(parts.get(0)).equals(SessionCatalog.GLOBAL_TEMP_DATABASE)
                            ? catalog.globalTempViews().drop(parts.get(1))
                            : parts.size() == 1 && catalog.tempViews().drop(parts.get(0));
            if (!dropped && !drop.ifExists()) {
                throw new EmberException(
                        ErrorClass.TABLE_OR_VIEW_NOT_FOUND,
                        "The view " + String.join(".", parts) + " cannot be found; use DROP VIEW IF EXISTS to ignore"
                                + " that");
            }
            return List.of();
        }
        if (command instanceof ShowTables show) {
            List<Object[]> rows = new ArrayList<>();
            Pattern pattern = show.pattern() == null ? null : likePattern(show.pattern());
            boolean global = show.database() != null
                    && show.database().size() == 1
                    && Identifiers.normalize(show.database().get(0)).equals(SessionCatalog.GLOBAL_TEMP_DATABASE);
            if (global) {
                for (String name : catalog.globalTempViews().names()) {
                    if (pattern == null || pattern.matcher(name).matches()) {
                        rows.add(new Object[] {SessionCatalog.GLOBAL_TEMP_DATABASE, name, true});
                    }
                }
            }
            for (String name : catalog.tempViews().names()) {
                if (pattern == null || pattern.matcher(name).matches()) {
                    rows.add(new Object[] {"", name, true});
                }
            }
            return rows;
        }
        if (command instanceof ShowColumns show) {
            List<Object[]> rows = new ArrayList<>();
            for (StructField field :
                    session.table(String.join(".", show.table())).schema()) {
                rows.add(new Object[] {field.name()});
            }
            return rows;
        }
        if (command instanceof ShowFunctions show) {
            Pattern pattern = show.pattern() == null ? null : likePattern(show.pattern());
            List<Object[]> rows = new ArrayList<>();
            for (String name : catalog.functions().names()) {
                if (pattern == null || pattern.matcher(name).matches()) {
                    rows.add(new Object[] {name});
                }
            }
            return rows;
        }
        if (command instanceof DescribeTable describe) {
            return describe(
                    session.table(String.join(".", describe.nameParts())).schema());
        }
        if (command instanceof DescribeQuery describe) {
            return describe(Dataset.ofRows(session, describe.query()).schema());
        }
        if (command instanceof DescribeFunction describe) {
            FunctionInfo info = catalog.functions()
                    .lookup(describe.name())
                    .orElseThrow(() -> new EmberException(
                            ErrorClass.UNRESOLVED_ROUTINE,
                            "The function " + Identifiers.quote(describe.name()) + " cannot be found"
                                    + dev.ember.sql.catalog.Suggestions.didYouMean(
                                            describe.name(), catalog.functions().names())));
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {"Function: " + info.name()});
            rows.add(new Object[] {"Usage: " + info.usage()});
            if (describe.extended()) {
                rows.add(new Object[] {"Kind: " + info.kind().name().toLowerCase(java.util.Locale.ROOT)});
            }
            return rows;
        }
        if (command instanceof Explain explain) {
            if (explain.statement() instanceof Command inner) {
                return List.<Object[]>of(new Object[] {"== Command ==\n" + inner.simpleString() + "\n"});
            }
            Dataset<Row> query = Dataset.ofRows(session, explain.statement());
            boolean extended = explain.mode() != Explain.Mode.SIMPLE;
            return List.<Object[]>of(new Object[] {query.explainString(extended)});
        }
        if (command instanceof SetConfiguration set) {
            if (set.key() == null || set.key().equals("-v")) {
                List<Object[]> rows = new ArrayList<>();
                for (Map.Entry<String, String> entry : session.conf().getAll().entrySet()) {
                    rows.add(new Object[] {entry.getKey(), entry.getValue()});
                }
                return rows;
            }
            if (set.value() == null) {
                return List.<Object[]>of(new Object[] {set.key(), session.conf().get(set.key(), "<undefined>")});
            }
            session.conf().set(set.key(), set.value());
            return List.<Object[]>of(new Object[] {set.key(), set.value()});
        }
        if (command instanceof ResetConfiguration reset) {
            if (reset.key() == null) {
                for (String key : new ArrayList<>(session.conf().overriddenKeys())) {
                    session.conf().unset(key);
                }
            } else {
                session.conf().unset(reset.key());
            }
            return List.of();
        }
        if (command instanceof CacheTable cache) {
            String name = String.join(".", cache.nameParts());
            if (cache.query() != null) {
                Dataset<Row> query = Dataset.ofRows(session, cache.query());
                catalog.tempViews().create(single(cache.nameParts(), "a cached table"), query.analyzedPlan(), true);
            }
            Dataset<Row> table = session.table(name);
            dev.ember.StorageLevel level = dev.ember.StorageLevel.MEMORY_AND_DISK;
            for (Map.Entry<String, String> option : cache.options().entrySet()) {
                if (option.getKey().equalsIgnoreCase("storageLevel")) {
                    level = dev.ember.StorageLevel.fromString(option.getValue());
                }
            }
            session.cacheManager().cache(table, level, "In-memory table " + name);
            if (!cache.lazy()) {
                table.count();
            }
            return List.of();
        }
        if (command instanceof UncacheTable uncache) {
            String name = String.join(".", uncache.nameParts());
            if (catalog.findRelation(uncache.nameParts()).isEmpty()) {
                if (uncache.ifExists()) {
                    return List.of();
                }
            }
            session.table(name).unpersist();
            return List.of();
        }
        if (command instanceof ClearCache) {
            session.cacheManager().clear();
            return List.of();
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE, "The statement " + command.simpleString() + " is not supported yet");
    }

    private static List<Object[]> describe(StructType schema) {
        List<Object[]> rows = new ArrayList<>();
        for (StructField field : schema) {
            rows.add(new Object[] {field.name(), field.dataType().simpleString(), field.comment()});
        }
        return rows;
    }

    private static String single(List<String> name, String what) {
        if (name.size() != 1) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The name of " + what + " is one identifier, not " + String.join(".", name));
        }
        return name.get(0);
    }

    /** SHOW's patterns: {@code *} for any characters, {@code |} between alternatives, case ignored. */
    static Pattern likePattern(String pattern) {
        List<String> alternatives = new ArrayList<>();
        for (String alternative : pattern.split("\\|")) {
            StringBuilder regex = new StringBuilder();
            for (char c : alternative.trim().toCharArray()) {
                regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
            }
            alternatives.add(regex.toString());
        }
        return Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE);
    }
}
