/**
 * Physical planning: the choice of operator for each logical node (joins by size and hints, two-phase aggregation,
 * top-k) and {@code EnsureRequirements}, which inserts the exchanges operators need. Must not depend on the user API.
 */
package dev.ember.sql.planner;
