-- Loads each file the way Prosody loads a config file that its main config includes: the text
-- given to load() in text mode, from a function running inside pcall (Include runs inside the
-- main config's pcall), so that the parser starts at the same C stack depth.
-- Usage: lua5.4 load-check.lua file1 file2 ...
-- Prints one line per file: "ok", or "error <message>" (newlines replaced by spaces).
for i = 1, #arg do
  local f = assert(io.open(arg[i], "rb"))
  local data = f:read("a")
  f:close()
  local ok, chunk, err = pcall(load, data, "=input", "t")
  local message = not ok and chunk or (not chunk and err)
  if message then
    io.write("error ", (tostring(message):gsub("[\r\n]", " ")), "\n")
  else
    io.write("ok\n")
  end
end
