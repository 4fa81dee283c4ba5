/**
 * The optimizer: one rule per file, each rewriting one plan shape into a cheaper one with the same result, run in the
 * ordered batches of {@link dev.ember.sql.optimizer.Optimizer}. Rules see logical plans only and must not depend on
 * the engine or on physical plans.
 */
package dev.ember.sql.optimizer;
