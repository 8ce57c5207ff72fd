import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { SECURITY_HEADERS } from './src/ui/contain/csp.ts';

// One config for the app (vite) and the unit tests (vitest).
export default defineConfig({
  plugins: [
    svelte(),
    // Offline after the first load: the service worker precaches the app shell, its workers and
    // the bundled examples (registerSW.js is a same-origin script, so the CSP needs no inline code).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: false, // public/manifest.webmanifest is hand-written
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png', 'manifest.webmanifest', 'examples/**/*'],
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,json,csv,woff2,woff,ttf,webmanifest,wasm,wgsl}'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        // the LLM worker (WebLLM, ~6 MB) is not part of the app shell: fetched the first time the
        // local LLM is used, then served from its own cache (offline too)
        globIgnores: ['**/llm.worker-*.js'],
        runtimeCaching: [{ urlPattern: /\/assets\/llm\.worker-[^/]*\.js$/, handler: 'CacheFirst', options: { cacheName: 'mechanist-llm-code', expiration: { maxEntries: 4 } } }],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // the policy as a header too, so it binds every script these servers send, workers included
  server: { headers: SECURITY_HEADERS },
  preview: { headers: SECURITY_HEADERS },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['test/**/*.test.ts'],
    // forks: each file in its own process, so a WebGPU device (Dawn) never outlives its test file
    pool: 'forks',
    setupFiles: ['test/setup-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
