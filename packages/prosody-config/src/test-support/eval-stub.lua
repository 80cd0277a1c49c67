-- Evaluates a Prosody config the way Prosody 0.12's core/configmanager.lua does, without Prosody:
-- VirtualHost/Host, Component "x" ["module"], per-file section state, last assignment wins with a
-- "Duplicate option" warning, ENV_ variables, host options falling back to the global ones.
-- Include and RunScript are recorded, not followed. Prints JSON: { warnings, global, hosts }.
-- Usage: lua5.4 eval-stub.lua /abs/path/file.cfg.lua
local path = assert(arg[1], "usage: eval-stub.lua <file>")

local config = { ["*"] = {} }
local hosts = {}
local warnings = {}
local includes = {}

local function set(host, key, value, where)
  config[host] = config[host] or {}
  if rawget(config[host], key) ~= nil then
    warnings[#warnings + 1] = where .. ": Duplicate option '" .. key .. "'"
  end
  config[host][key] = value
end

local current = "*"
local env = {}
local function where()
  local info = debug.getinfo(3, "Sl")
  return (info and info.currentline or 0) .. ""
end

function env.VirtualHost(name)
  name = string.lower(name)
  if hosts[name] and hosts[name].kind == "Component" then error("Host '" .. name .. "' clashes with previously defined Component") end
  hosts[name] = hosts[name] or { kind = "VirtualHost" }
  config[name] = config[name] or {}
  current = name
  -- `VirtualHost "x" { ... }`: the options, then back to the global section (as configmanager does).
  return function(options) current = "*"; for k, v in pairs(options) do set(name, k, v, where()) end end
end
env.Host, env.host = env.VirtualHost, env.VirtualHost

function env.Component(name)
  name = string.lower(name)
  if hosts[name] and hosts[name].kind == "VirtualHost" then error("Component '" .. name .. "' clashes with previously defined VirtualHost") end
  hosts[name] = hosts[name] or { kind = "Component" }
  config[name] = config[name] or {}
  config[name].component_module = "component"
  config[name].load_global_modules = false
  current = name
  local function options(opts) current = "*"; for k, v in pairs(opts) do set(name, k, v, where()) end end
  return function(module)
    if type(module) == "string" then config[name].component_module = module; return options end
    return options(module)
  end
end
env.component = env.Component

function env.Include(file) includes[#includes + 1] = file end
env.include = env.Include
function env.RunScript(file) includes[#includes + 1] = "RunScript " .. file end

setmetatable(env, {
  __index = function(_, k)
    if type(k) == "string" and k:match("^ENV_") then return os.getenv(k:sub(5)) end
    local section = config[current]
    local v = section and rawget(section, k)
    if v == nil and current ~= "*" then v = rawget(config["*"], k) end
    return v
  end,
  __newindex = function(_, k, v)
    local info = debug.getinfo(2, "l")
    set(current, k, v, tostring(info and info.currentline or "?"))
  end,
})

local chunk, err = loadfile(path, "t", env)
if not chunk then io.stderr:write("config error: " .. err .. "\n"); os.exit(1) end
local ok, runerr = pcall(chunk)
if not ok then io.stderr:write("config error: " .. tostring(runerr) .. "\n"); os.exit(1) end

local json = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "json.lua")

-- Effective settings per host: the global ones, overridden by the host's own.
local result = { warnings = warnings, includes = includes, global = config["*"], hosts = {} }
for name, h in pairs(hosts) do
  local effective = {}
  for k, v in pairs(config["*"]) do effective[k] = v end
  for k, v in pairs(config[name]) do effective[k] = v end
  result.hosts[name] = { kind = h.kind, settings = effective }
end
io.write(json(result), "\n")
