/**
 * The statements other than queries, as the parser builds them: views, catalog listings, descriptions, configuration,
 * caching, and the table and database statements. Each is a {@link dev.ember.sql.plans.logical.commands.Command}. They are plans only: running them belongs to the session, and nothing here may depend on the engine.
 */
package dev.ember.sql.plans.logical.commands;
