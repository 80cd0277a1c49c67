/**
 * The Debian stage: the `*.debian.test.ts` files, which build Debian root filesystems
 * (test/rootfs/rootfs.ts) and install and run the project's Debian package in them. They need
 * root and the network to Debian's mirrors: `npm run test:debian` runs them, and `npm run
 * test:all` after the other tests under CI=true or JITSI_CONFKIT_DEBIAN_TESTS=1.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['**/*.debian.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Builds of root filesystems and apt downloads: minutes, not seconds.
    testTimeout: 10 * 60_000,
    hookTimeout: 30 * 60_000,
  },
});
