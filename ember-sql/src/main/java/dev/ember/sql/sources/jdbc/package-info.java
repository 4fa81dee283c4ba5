/**
 * Databases over JDBC as a data source: the options of a read or write, the dialects that map a database's types to
 * Ember's and back and compile filters into its SQL, and the conversion of values between JDBC and column vectors.
 * Like the file formats, it knows nothing of plans or of the scheduler.
 */
package dev.ember.sql.sources.jdbc;
