export interface Config {
  /** Configuration of the Valkey plugins. */
  valkey?: {};
}
