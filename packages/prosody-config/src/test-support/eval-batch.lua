-- Runs eval-stub.lua on many files in one lua5.4 process (for sweeps over thousands of variants).
-- Usage: lua5.4 eval-batch.lua /abs/eval-stub.lua file1 file2 ...
-- Prints one line per file: "ok <json>" or "error <message>".
local script = assert(arg[1], "usage: eval-batch.lua <eval-stub.lua> <file>...")
local EXIT = {}
for i = 2, #arg do
  local buf = {}
  local function write(...) for _, s in ipairs({ ... }) do buf[#buf + 1] = tostring(s) end end
  local env = setmetatable({
    arg = { [0] = script, arg[i] },
    io = { write = write, stderr = { write = function(_, ...) write(...) end } },
    os = { exit = function() error(EXIT, 0) end, getenv = os.getenv },
  }, { __index = _G })
  local chunk = assert(loadfile(script, "t", env))
  local ok, err = pcall(chunk)
  local out = table.concat(buf):gsub("\n$", "")
  if ok then io.write("ok ", out, "\n")
  elseif err == EXIT then io.write("error ", (out:gsub("\n", " ")), "\n")
  else io.write("error ", tostring(err):gsub("\n", " "), "\n") end
end
