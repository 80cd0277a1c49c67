# Sourced by the other scripts: sets PNPM to a pnpm 10 command, installing pnpm 10.34.9 into
# .tools/ (inside the checkout, no root needed) when none is on the PATH.
if command -v pnpm >/dev/null 2>&1 && pnpm --version 2>/dev/null | grep -q '^10\.'; then
  PNPM=pnpm
else
  if [ ! -x .tools/node_modules/.bin/pnpm ]; then
    echo "Installing pnpm 10.34.9 into .tools/ ..."
    npm install --silent --no-audit --no-fund --prefix .tools pnpm@10.34.9 >/dev/null
  fi
  PNPM="$(pwd)/.tools/node_modules/.bin/pnpm"
fi
export PNPM
