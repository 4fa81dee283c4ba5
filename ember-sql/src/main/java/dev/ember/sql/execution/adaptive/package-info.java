/**
 * Adaptive query execution: a query's exchanges run one stage at a time ({@link
 * dev.ember.sql.execution.adaptive.AdaptivePlanExec}), and the plan above each computed stage is revised with the
 * real sizes of its output — small partitions read together, skewed join partitions split, small join sides
 * broadcast, empty inputs propagated. Works on physical plans: nothing here may depend on the user API of {@code
 * dev.ember.sql}.
 */
package dev.ember.sql.execution.adaptive;
