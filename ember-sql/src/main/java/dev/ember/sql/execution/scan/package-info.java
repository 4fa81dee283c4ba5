/**
 * Scans of relation sources: files of a format (split into tasks, partition columns added as constants) and cached
 * Datasets. Does not depend on the user API or on the planner's choices beyond the scan it is asked for.
 */
package dev.ember.sql.execution.scan;
