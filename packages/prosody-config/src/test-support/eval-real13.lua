-- Loads configs with Prosody 13's own core/configmanager.lua (Debian 13's prosody package, inside
-- a Debian 13 root filesystem) and prints, one line per file, every section's own settings and
-- the warnings Prosody gives while loading, as JSON:
--   ok {"config": {"<host>": {key: value}}, "warnings": ["file:line: message", ...]}   ("*": global)
--   error <message>
-- $CREDENTIALS_DIRECTORY, when set, is where Credential() reads, as Prosody sets it from systemd.
-- Usage: lua5.4 eval-real13.lua /abs/file1.cfg.lua [/abs/file2.cfg.lua ...]
package.path = "/usr/lib/prosody/?.lua;" .. package.path
package.cpath = "/usr/lib/prosody/?.so;" .. package.cpath
if not pcall(require, "prosody.loader") then require "loader" end
prosody = { paths = {} }
local cm = require "prosody.core.configmanager"
local credentials = os.getenv("CREDENTIALS_DIRECTORY")
if credentials then cm.set_credentials_directory(credentials) end

local json = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "json.lua")

for i = 1, #arg do
  local ok, level, err = cm.load(arg[i])
  if ok then
    io.write("ok ", json({ config = cm.getconfig(), warnings = err or {} }), "\n")
  else
    io.write("error ", (tostring(level) .. " " .. tostring(err)):gsub("\n", " "), "\n")
  end
end
