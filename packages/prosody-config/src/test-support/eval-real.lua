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

local function json(v)
  local t = type(v)
  if t == "string" then
    return '"' .. v:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
  elseif t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    return string.format("%.17g", v)
  elseif t == "boolean" then return tostring(v)
  elseif t == "table" then
    if next(v) == nil then return "[]" end
    local n = 0
    for _ in pairs(v) do n = n + 1 end
    if n == #v then
      local out = {}
      for i = 1, #v do out[i] = json(v[i]) end
      return "[" .. table.concat(out, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    local out = {}
    for _, k in ipairs(keys) do
      local val = v[k]; if val == nil then val = v[tonumber(k)] end
      out[#out + 1] = json(k) .. ":" .. json(val)
    end
    return "{" .. table.concat(out, ",") .. "}"
  end
  return '"<' .. t .. '>"'
end

io.write(json(cm.getconfig()), "\n")
