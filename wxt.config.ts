import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { dependencyRewrites } from './scripts/build/dependency-rewrites';

// The gecko id is fixed so that Firefox E2E can pin the moz-extension:// UUID.
export const GECKO_ID = 'crosscheck@crosscheck.invalid';

export default defineConfig({
  manifestVersion: 3,
  // A build of its own (CROSSCHECK_OUT_DIR) lets benchmarks and parallel test runs keep theirs from being replaced halfway.
  ...(process.env.CROSSCHECK_OUT_DIR ? { outDir: process.env.CROSSCHECK_OUT_DIR } : {}),
  vite: () => ({
    // Strips the eval probe and markup parsing that dependencies would otherwise ship (see the module).
    plugins: [preact(), dependencyRewrites()],
    resolve: {
      alias: {
        // linkedom (the background's HTML parser) imports a CSS parser that extraction never calls.
        '@acemir/cssom': fileURLToPath(new URL('./lib/extract/cssom-stub.ts', import.meta.url)),
      },
    },
  }),
  manifest: ({ browser }) => ({
    name: 'crosscheck',
    description:
      'Highlights sentences in a news article that contradict other reports of the same story or known facts, and says why. Runs entirely on your device.',
    action: { default_title: 'crosscheck: source comparison' },
    // Extension pages load only their own code and make no network requests at all.
    content_security_policy: {
      extension_pages: "default-src 'self'; script-src 'self'; object-src 'none'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
