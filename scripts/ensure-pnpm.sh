# Sourced by the other scripts: makes sure a pnpm 10 is on the PATH (the workspace's own scripts
# call `pnpm`), installing pnpm 10.34.9 into .tools/ (inside the checkout, no root needed) when
# there is none, and sets PNPM to it. npm and pnpm are kept quiet: no update box, no funding or
# audit notices, no progress bars (the same settings as .npmrc, for the npm that runs the scripts).
npm_config_update_notifier=false
npm_config_fund=false
npm_config_audit=false
npm_config_progress=false
export npm_config_update_notifier npm_config_fund npm_config_audit npm_config_progress
if ! { command -v pnpm >/dev/null 2>&1 && pnpm --version 2>/dev/null | grep -q '^10\.'; }; then
  if [ ! -x .tools/node_modules/.bin/pnpm ]; then
    echo "Installing pnpm 10.34.9 into .tools/ ..."
    npm install --silent --no-audit --no-fund --prefix .tools pnpm@10.34.9 >/dev/null
  fi
  PATH="$(pwd)/.tools/node_modules/.bin:$PATH"
  export PATH
fi
PNPM=pnpm
export PNPM
