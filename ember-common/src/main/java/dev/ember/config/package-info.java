/**
 * Typed configuration: every {@code ember.*} setting is declared once as a {@link dev.ember.config.ConfigEntry}
 * with its type, default and a one-line doc. Each module lists its entries through a
 * {@link dev.ember.config.ConfigProvider} so that the launcher can validate every key it is given.
 */
package dev.ember.config;
