/**
 * The SQL grammar (ANTLR: {@code EmberSqlLexer.g4}, {@code EmberSqlParser.g4}) and its entry points,
 * {@link dev.ember.sql.parser.SqlParsing}, which turn text into parse trees and syntax errors into
 * {@link dev.ember.EmberException}s that point at the offending place. Depends on nothing of the engine: only on
 * the ANTLR runtime and the common error type.
 */
package dev.ember.sql.parser;
