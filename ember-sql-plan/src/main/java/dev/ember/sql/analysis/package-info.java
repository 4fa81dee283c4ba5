/**
 * The analyzer: rules that resolve a parsed plan's names against the catalog and the plans below, bind functions,
 * insert ANSI mode's implicit casts and rewrite SQL's shapes (global aggregates, HAVING, USING joins), then the checks
 * that report what cannot be resolved as the user wrote it. Works on plans only and does not depend on the engine.
 */
package dev.ember.sql.analysis;
