/**
 * The values of settings, as the public API reads and writes them. Kept apart from the parser
 * (lua.ts) so that the published declarations never import luaparse's types: a project that
 * compiles against this package with `skipLibCheck: false` needs no `@types/luaparse`.
 */

/** A Lua value that a Prosody setting can hold and this library can read and write. */
export type LuaValue = string | number | boolean | LuaValue[] | { [key: string]: LuaValue };
