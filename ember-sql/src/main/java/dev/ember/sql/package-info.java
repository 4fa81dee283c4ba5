/**
 * The SQL and DataFrame API users program against: {@code EmberSession}, {@code Dataset}, {@code Row}, {@code Column},
 * {@code functions}, readers and writers, the catalog and UDF registration. Internal types of the engine never appear
 * in its signatures; the packages below it must not depend on it.
 */
package dev.ember.sql;
