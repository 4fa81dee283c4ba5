package dev.ember.sql.warehouse;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.CatalogDatabase;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.ExternalCatalog;
import dev.ember.util.FileUtils;
import dev.ember.util.UniqueIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The persistent catalog in a warehouse directory, as plain files:
 *
 * <pre>
 *   warehouse/_catalog/databases/sales.json       a database (default has none: it always exists)
 *   warehouse/_catalog/tables/sales/orders.json   a table: schema, format, options, partitioning, statistics
 *   warehouse/t/                                   the files of managed table default.t
 *   warehouse/sales.db/orders/                     the files of managed table sales.orders
 * </pre>
 *
 * Every entry is written to a temporary file and renamed over the old one, so a reader sees the old entry or the new,
 * never half of one. Changes that read before they write (create if absent, rename, drop a database) hold the
 * catalog's lock: a lock within the process and a file lock on {@code _catalog/lock} between processes, waited for at
 * most {@link DirectoryLock#TIMEOUT}. Safe for use by several threads and by several processes on one warehouse.
 */
public final class WarehouseCatalog implements ExternalCatalog {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,128}");

    private final Path warehouse;
    private final Path catalogDir;

    public WarehouseCatalog(Path warehouse) {
        this.warehouse =
                requireNonNull(warehouse, "warehouse is null").toAbsolutePath().normalize();
        this.catalogDir = this.warehouse.resolve("_catalog");
    }

    public Path warehouse() {
        return warehouse;
    }

    /** Fails unless {@code name} can name a database or table: letters, digits and underscores. */
    public static void checkName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The " + what + " name '" + name + "' is not valid: use letters, digits and underscores (at most"
                            + " 128)");
        }
    }

    @Override
    public void createDatabase(CatalogDatabase database, boolean ignoreIfExists) {
        checkName(database.name(), "database");
        locked(() -> {
            if (database(database.name()).isPresent()) {
                if (ignoreIfExists) {
                    return null;
                }
                throw new EmberException(
                        ErrorClass.ALREADY_EXISTS,
                        "The database " + database.name() + " exists already; use CREATE DATABASE IF NOT EXISTS to"
                                + " ignore that");
            }
            createDirectories(Path.of(database.location()));
            writeEntry(databaseFile(database.name()), CatalogFiles.write(database));
            return null;
        });
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfMissing, boolean cascade) {
        if (name.equals(DEFAULT_DATABASE)) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "The database default cannot be dropped");
        }
        locked(() -> {
            Optional<CatalogDatabase> database = database(name);
            if (database.isEmpty()) {
                if (ignoreIfMissing) {
                    return null;
                }
                throw missingDatabase(name);
            }
            List<String> tables = tables(name);
            if (!tables.isEmpty() && !cascade) {
                throw new EmberException(
                        ErrorClass.SCHEMA_NOT_EMPTY,
                        "The database " + name + " still has " + tables.size() + " table(s) ("
                                + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                                + "); drop them first or use DROP DATABASE ... CASCADE");
            }
            for (String table : tables) {
                dropTable(name, table);
            }
            delete(databaseFile(name));
            FileUtils.deleteRecursively(catalogDir.resolve("tables").resolve(name));
            Path location = Path.of(database.get().location());
            if (isEmptyDirectory(location)) {
                FileUtils.deleteRecursively(location);
            }
            return null;
        });
    }

    @Override
    public Optional<CatalogDatabase> database(String name) {
        if (name.equals(DEFAULT_DATABASE)) {
            return Optional.of(
                    new CatalogDatabase(DEFAULT_DATABASE, warehouse.toString(), "default database", Map.of()));
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = databaseFile(name);
        return readEntry(file).map(bytes -> CatalogFiles.readDatabase(bytes, file));
    }

    @Override
    public List<String> databases() {
        List<String> names = new ArrayList<>(entryNames(catalogDir.resolve("databases")));
        if (!names.contains(DEFAULT_DATABASE)) {
            names.add(DEFAULT_DATABASE);
        }
        names.sort(null);
        return names;
    }

    @Override
    public String defaultTableLocation(String database, String table) {
        CatalogDatabase entry = database(database).orElseThrow(() -> missingDatabase(database));
        return Path.of(entry.location()).resolve(table).toString();
    }

    @Override
    public void createTable(CatalogTable table, boolean ignoreIfExists) {
        checkName(table.name(), "table");
        locked(() -> {
            requireDatabase(table.database());
            if (table(table.database(), table.name()).isPresent()) {
                if (ignoreIfExists) {
                    return null;
                }
                throw tableExists(table.database(), table.name());
            }
            Path location = Path.of(table.location());
            if (table.type() == CatalogTable.TableType.MANAGED) {
                if (Files.exists(location) && !isEmptyDirectory(location)) {
                    throw new EmberException(
                            ErrorClass.OUTPUT_PATH_EXISTS,
                            "The location of the managed table " + table.qualifiedName() + ", " + location
                                    + ", exists already and is not empty; remove it, or create an external table on"
                                    + " it with LOCATION");
                }
                createDirectories(location);
            }
            writeEntry(tableFile(table.database(), table.name()), CatalogFiles.write(table));
            return null;
        });
    }

    @Override
    public Optional<CatalogTable> table(String database, String name) {
        if (!NAME.matcher(database).matches() || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = tableFile(database, name);
        return readEntry(file).map(bytes -> CatalogFiles.readTable(bytes, file));
    }

    @Override
    public List<String> tables(String database) {
        if (!NAME.matcher(database).matches()) {
            return List.of();
        }
        List<String> names =
                new ArrayList<>(entryNames(catalogDir.resolve("tables").resolve(database)));
        names.sort(null);
        return names;
    }

    @Override
    public CatalogTable alterTable(String database, String name, UnaryOperator<CatalogTable> change) {
        return locked(() -> {
            CatalogTable current = table(database, name).orElseThrow(() -> missingTable(database, name));
            CatalogTable changed = requireNonNull(change.apply(current), "changed table is null");
            writeEntry(tableFile(database, name), CatalogFiles.write(changed));
            return changed;
        });
    }

    @Override
    public void renameTable(String database, String name, String newDatabase, String newName) {
        checkName(newName, "table");
        locked(() -> {
            CatalogTable current = table(database, name).orElseThrow(() -> missingTable(database, name));
            requireDatabase(newDatabase);
            if (table(newDatabase, newName).isPresent()) {
                throw tableExists(newDatabase, newName);
            }
            String location = current.location();
            if (!ownsFiles(current)) {
                writeEntry(
                        tableFile(newDatabase, newName),
                        CatalogFiles.write(current.withName(newDatabase, newName, location)));
                delete(tableFile(database, name));
                return null;
            }
            Path source = Path.of(location);
            Path target = Path.of(defaultTableLocation(newDatabase, newName));
            if (Files.exists(target)) {
                throw new EmberException(
                        ErrorClass.OUTPUT_PATH_EXISTS,
                        "Cannot rename " + current.qualifiedName() + ": its new location " + target
                                + " exists already");
            }
            // Under the table's commit lock: no write commits into the directory while it moves (one that was
            // running finds its staged files gone, and fails without committing).
            DirectoryLock.run(source.resolve(FileCommit.LOCK_FILE), () -> {
                try {
                    createDirectories(target.getParent());
                    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new EmberException(
                            ErrorClass.OUTPUT_WRITE_FAILED,
                            "Cannot move " + location + " to " + target + ": " + e.getMessage(),
                            e);
                }
                return null;
            });
            try {
                writeEntry(
                        tableFile(newDatabase, newName),
                        CatalogFiles.write(current.withName(newDatabase, newName, target.toString())));
            } catch (RuntimeException e) {
                try {
                    Files.move(target, source, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            delete(tableFile(database, name));
            return null;
        });
    }

    @Override
    public boolean dropTable(String database, String name) {
        return locked(() -> {
            Optional<CatalogTable> table = table(database, name);
            if (table.isEmpty()) {
                return false;
            }
            // The entry goes first: once it is gone the table is, whatever happens to its files.
            delete(tableFile(database, name));
            if (ownsFiles(table.get())) {
                Path location = Path.of(table.get().location());
                DirectoryLock.run(location.resolve(FileCommit.LOCK_FILE), () -> {
                    FileUtils.deleteRecursively(location);
                    return null;
                });
            }
            return true;
        });
    }

    /**
     * Whether the catalog owns the table's files: a managed table at the location the catalog gave it. An entry that
     * says managed but points elsewhere (edited by hand, say) never has its files moved or deleted.
     */
    private boolean ownsFiles(CatalogTable table) {
        if (table.type() != CatalogTable.TableType.MANAGED) {
            return false;
        }
        try {
            return Path.of(table.location())
                    .normalize()
                    .equals(Path.of(defaultTableLocation(table.database(), table.name()))
                            .normalize());
        } catch (EmberException e) {
            return false;
        }
    }

    private void requireDatabase(String database) {
        if (database(database).isEmpty()) {
            throw missingDatabase(database);
        }
    }

    private EmberException missingDatabase(String name) {
        return new EmberException(
                ErrorClass.SCHEMA_NOT_FOUND,
                "The database " + name + " cannot be found; the databases are " + databases());
    }

    private static EmberException missingTable(String database, String name) {
        return new EmberException(
                ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "The table " + database + "." + name + " cannot be found");
    }

    private static EmberException tableExists(String database, String name) {
        return new EmberException(
                ErrorClass.ALREADY_EXISTS,
                "The table " + database + "." + name + " exists already; use CREATE TABLE IF NOT EXISTS, or DROP"
                        + " TABLE first");
    }

    private Path databaseFile(String name) {
        return catalogDir.resolve("databases").resolve(name + ".json");
    }

    private Path tableFile(String database, String name) {
        return catalogDir.resolve("tables").resolve(database).resolve(name + ".json");
    }

    /** Runs {@code action} holding the catalog's lock, in this process and on the warehouse's lock file. */
    private <T> T locked(Supplier<T> action) {
        return DirectoryLock.run(catalogDir.resolve("lock"), action);
    }

    /** Writes the entry to a temporary file and renames it over the old one (journals are written so too). */
    static void writeEntry(Path file, byte[] bytes) {
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + UniqueIds.randomUuid() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EmberException(ErrorClass.OUTPUT_WRITE_FAILED, "Cannot write " + file + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // A stray temporary file is skipped by readers (its name starts with a dot).
            }
        }
    }

    private static Optional<byte[]> readEntry(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED, "Cannot read the catalog entry " + file + ": " + e, e);
        }
    }

    /** The names of the {@code *.json} entries of a directory, without the extension. */
    private static List<String> entryNames(Path directory) {
        List<String> names = new ArrayList<>();
        try (var children = Files.list(directory)) {
            for (Path child : children.toList()) {
                String file = child.getFileName().toString();
                if (file.endsWith(".json") && !file.startsWith(".")) {
                    names.add(file.substring(0, file.length() - ".json".length()));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
        return names;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EmberException(ErrorClass.OUTPUT_WRITE_FAILED, "Cannot delete " + file + ": " + e, e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new EmberException(ErrorClass.OUTPUT_WRITE_FAILED, "Cannot create " + directory + ": " + e, e);
        }
    }

    /** Whether {@code path} is a directory with nothing in it. */
    public static boolean isEmptyDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (var children = Files.list(path)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
