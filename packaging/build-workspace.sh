# Sourced by the packaging scripts when given --build: installs the workspace from the lockfile
# and builds every package. The packaging itself needs no network once this has run.
. scripts/ensure-pnpm.sh
"$PNPM" install --frozen-lockfile --reporter=silent
"$PNPM" run -s build
