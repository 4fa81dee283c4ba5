package dev.ember.scheduler;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.config.CoreConfig.SchedulingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Builds the tree of scheduling pools and files task sets into it. Under FIFO there is one pool. Under FAIR the
 * root holds named pools: those declared in {@code ember.scheduler.allocation.file}, a {@code default} pool, and
 * pools created on first use by jobs whose thread set the local property {@code ember.scheduler.pool}.
 *
 * <pre>{@code
 * <allocations>
 *   <pool name="production">
 *     <schedulingMode>FAIR</schedulingMode>
 *     <weight>2</weight>
 *     <minShare>4</minShare>
 *   </pool>
 * </allocations>
 * }</pre>
 */
final class SchedulingPools {
    static final String POOL_PROPERTY = "ember.scheduler.pool";
    static final String DEFAULT_POOL = "default";

    private final Pool root;

    SchedulingPools(EmberConf conf) {
        SchedulingMode mode = conf.get(CoreConfig.SCHEDULER_MODE);
        root = new Pool("", mode, 0, 0);
        if (mode == SchedulingMode.FAIR) {
            Optional<String> file = conf.getOptional(CoreConfig.SCHEDULER_ALLOCATION_FILE);
            if (file.isPresent()) {
                loadAllocations(Path.of(file.get()));
            }
            if (root.subPool(DEFAULT_POOL) == null) {
                root.add(new Pool(DEFAULT_POOL, SchedulingMode.FIFO, 0, 1));
            }
        }
    }

    Pool root() {
        return root;
    }

    void add(TaskSetManager manager, Properties properties) {
        if (root.mode() == SchedulingMode.FIFO) {
            root.add(manager);
            manager.setParent(root);
            return;
        }
        String name = properties == null ? DEFAULT_POOL : properties.getProperty(POOL_PROPERTY, DEFAULT_POOL);
        Pool pool = root.subPool(name);
        if (pool == null) {
            pool = new Pool(name, SchedulingMode.FIFO, 0, 1);
            root.add(pool);
        }
        pool.add(manager);
        manager.setParent(pool);
    }

    private void loadAllocations(Path file) {
        Document document;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(in);
        } catch (NoSuchFileException e) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "Scheduler allocation file " + file + " (ember.scheduler.allocation.file) does not exist");
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "Cannot read scheduler allocation file " + file + ": " + e.getMessage(),
                    e);
        }
        NodeList pools = document.getElementsByTagName("pool");
        for (int i = 0; i < pools.getLength(); i++) {
            Element element = (Element) pools.item(i);
            String name = element.getAttribute("name");
            if (name.isBlank()) {
                throw new EmberException(
                        ErrorClass.INVALID_CONFIG_VALUE, "Pool " + (i + 1) + " in " + file + " has no name attribute");
            }
            SchedulingMode mode = text(element, "schedulingMode")
                    .map(value -> parseMode(value, name, file))
                    .orElse(SchedulingMode.FIFO);
            int weight = text(element, "weight")
                    .map(value -> parseInt(value, "weight", name, file))
                    .orElse(1);
            int minShare = text(element, "minShare")
                    .map(value -> parseInt(value, "minShare", name, file))
                    .orElse(0);
            root.add(new Pool(name, mode, minShare, weight));
        }
    }

    private static Optional<String> text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        if (nodes.getLength() == 0) {
            return Optional.empty();
        }
        return Optional.of(nodes.item(0).getTextContent().trim());
    }

    private static SchedulingMode parseMode(String value, String pool, Path file) {
        try {
            return SchedulingMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "Pool " + pool + " in " + file + " has schedulingMode '" + value + "': expected FIFO or FAIR");
        }
    }

    private static int parseInt(String value, String field, String pool, Path file) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "Pool " + pool + " in " + file + " has " + field + " '" + value
                            + "': expected a whole number >= 0");
        }
    }
}
