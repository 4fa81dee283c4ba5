/**
 * Typed configuration: every {@code ember.*} setting is declared once as a {@link dev.ember.config.ConfigEntry}
 * with its type, default and a one-line doc. Each module lists its entries through a
 * {@link dev.ember.config.ConfigProvider} so that the launcher can validate every key it is given.
 *
 * <p>Depends only on {@code EmberConf}, the error types and the size and duration parsing of {@code dev.ember.util};
 * never on serializers, I/O, the network or any engine package. The modules' entries are found through
 * {@code ServiceLoader}, not imported.
 */
package dev.ember.config;
