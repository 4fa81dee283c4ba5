package dev.ember.sql.expressions;

/**
 * What follows {@code OVER}: a window written out ({@link WindowSpec}) or, until the parser substitutes the query's
 * {@code WINDOW} clause, a window's name ({@link UnresolvedWindowReference}).
 */
public sealed interface WindowDefinition extends Expression permits WindowSpec, UnresolvedWindowReference {}
