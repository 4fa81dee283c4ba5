package dev.ember.ui.metrics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics as a read-only JMX MBean, {@code dev.ember:type=Application,name=<n>}: one attribute per value, named
 * after the metric and its labels ({@code ember_executor_tasks_active.executor_id=1}), read when asked.
 */
public final class MetricsMBean implements DynamicMBean, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsMBean.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final DriverMetrics metrics;
    private final ObjectName name;

    private MetricsMBean(DriverMetrics metrics, ObjectName name) {
        this.metrics = metrics;
        this.name = name;
    }

    /** Registers the metrics with the platform MBean server; null (logged) when it cannot. */
    public static MetricsMBean register(DriverMetrics metrics) {
        try {
            ObjectName name = new ObjectName("dev.ember:type=Application,name=" + SEQUENCE.incrementAndGet());
            MetricsMBean bean = new MetricsMBean(metrics, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        } catch (JMException e) {
            LOG.warn("Cannot register the application's metrics with JMX: {}", e.toString());
            return null;
        }
    }

    public ObjectName name() {
        return name;
    }

    private Map<String, Double> values() {
        Map<String, Double> values = new TreeMap<>();
        for (Sample sample : metrics.samples()) {
            StringBuilder key = new StringBuilder(sample.name());
            new TreeMap<>(sample.labels()).forEach((label, value) -> {
                if (!label.equals("app_id")) {
                    key.append('.').append(label).append('=').append(value);
                }
            });
            values.put(key.toString(), sample.value());
        }
        return values;
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Double value = values().get(attribute);
        if (value == null) {
            throw new AttributeNotFoundException("No metric " + attribute);
        }
        return value;
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("The application's metrics are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        Map<String, Double> values = values();
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            Double value = values.get(attribute);
            if (value != null) {
                list.add(new Attribute(attribute, value));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("The application's metrics have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        for (String key : values().keySet()) {
            attributes.add(new MBeanAttributeInfo(key, "java.lang.Double", key, true, false, false));
        }
        return new MBeanInfo(
                MetricsMBean.class.getName(),
                "Metrics of an Ember application",
                attributes.toArray(new MBeanAttributeInfo[0]),
                null,
                null,
                null);
    }

    @Override
    public void close() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.debug("Unregistering {}: {}", name, e.toString());
        }
    }
}
