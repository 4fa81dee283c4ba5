/**
 * Generators: functions that make rows ({@code explode}, {@code posexplode}, {@code inline}), each giving the columns
 * and rows of one input row. Depends on nothing of the engine.
 */
package dev.ember.sql.expressions.generators;
