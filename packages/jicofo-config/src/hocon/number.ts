/**
 * Unquoted text that HOCON reads as a number: what both Typesafe Config (Java's number parsing)
 * and ruby-hocon accept. Leading zeros are allowed; `-.5` is a number, `.5` and `1.` are strings.
 */
export const NUMBER = /^(?:-?[0-9]+(?:\.[0-9]+)?|-\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
