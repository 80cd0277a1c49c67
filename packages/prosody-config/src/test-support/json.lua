-- JSON for the values a Prosody config holds (strings, numbers, booleans, tables), keys sorted,
-- so that two evaluations compare as text. Shared by eval-stub.lua and eval-real.lua.
local function is_array(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  -- rawget: a table with an __index (Prosody's own config table) must not be changed by looking.
  for i = 1, n do if rawget(t, i) == nil then return false end end
  return true
end

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
    if is_array(v) then
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

return json
