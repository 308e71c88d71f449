import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The SPOC's tab (index.html) and the meeting's page (meeting.html). No @vitejs/plugin-react: Vite's built-in oxc transform compiles JSX with React's
 * automatic runtime. The server serves `tab/dist` at `/` (with SPA fallback for /config, /channel,
 * /taskpane and /return); in development `npm run dev:tab` proxies `/api` to the server on port 3978.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  // The tab is always built as users get it: with NODE_ENV=test in the environment (jest, which builds it
  // for the browser tests) Vite would otherwise bundle React's development build, a fifth larger and much
  // slower, and `npm start` would then serve that build.
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  base: '/',
  publicDir: false,
  oxc: {
    // Production JSX (no source locations) in every build, whatever NODE_ENV says (see `define` above).
    jsx: { runtime: 'automatic', importSource: 'react', development: command !== 'build' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Fluent UI and React are one vendor chunk; each lazy view gets its own chunk.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // Two pages: the workspace, and the meeting's side panel and stage (issue 16), which loads none of the
      // workspace's router, views or rules so that it opens within a second.
      input: { index: `${root}index.html`, meeting: `${root}meeting.html` },
      // Fluent UI's modules start with 'use client' (for React Server Components); meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3978', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3978', changeOrigin: false } },
  },
}));
