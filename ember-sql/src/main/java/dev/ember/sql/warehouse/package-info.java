/**
 * The persistent catalog: databases and tables kept as JSON files in the warehouse directory, and the commit of
 * writes into tables. Knows files, the planning half's catalog types and the parser (for schemas kept as DDL); it may
 * not depend on the executing half's plans, operators or sessions.
 */
package dev.ember.sql.warehouse;
