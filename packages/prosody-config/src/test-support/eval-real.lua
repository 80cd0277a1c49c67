-- Loads a config with Prosody's own core.configmanager (the Debian prosody package) and prints
-- every host's own settings as JSON: { "<host>": { key: value } } ("*" is the global section).
-- Usage: lua5.4 eval-real.lua /abs/path/file.cfg.lua
package.path = "/usr/lib/prosody/?.lua;" .. package.path
package.cpath = "/usr/lib/prosody/?.so;" .. package.cpath
prosody = { paths = {} }
local cm = require "core.configmanager"
local path = assert(arg[1], "usage: eval-real.lua <file>")
local ok, level, err = cm.load(path)
if not ok then io.stderr:write("config error: ", tostring(level), " ", tostring(err), "\n"); os.exit(1) end

local json = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "json.lua")

io.write(json(cm.getconfig()), "\n")
