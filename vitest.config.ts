import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const pkg = (name: string, module = 'index') => fileURLToPath(new URL(`./packages/${name}/src/${module}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@jitsi-confkit/core': pkg('core'),
      '@jitsi-confkit/web-config': pkg('web-config'),
      '@jitsi-confkit/prosody-config/paths': pkg('prosody-config', 'paths'),
      '@jitsi-confkit/prosody-config': pkg('prosody-config'),
      '@jitsi-confkit/jicofo-config': pkg('jicofo-config'),
      // Before '@jitsi-confkit/recipes', which would match it as a prefix.
      '@jitsi-confkit/recipes/deployment': pkg('recipes', 'deployment'),
      '@jitsi-confkit/recipes/documents': pkg('recipes', 'documents'),
      '@jitsi-confkit/recipes': pkg('recipes'),
      '@jitsi-confkit/state': pkg('state'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    // The Debian stage (root, network, root filesystems): vitest.debian.config.ts, npm run test:debian.
    exclude: [...configDefaults.exclude, '**/*.debian.test.ts'],
    // Collects the reasons tests were skipped here and prints each once, with its fix.
    globalSetup: ['test/support/skip-report.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
