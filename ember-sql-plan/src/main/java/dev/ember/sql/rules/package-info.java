/**
 * Rules and the executor that runs them in batches to a fixed point; the analyzer and the optimizer are both rule
 * executors. Depends on logical plans only. It knows nothing of any particular rule.
 */
package dev.ember.sql.rules;
