import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The Vite build of one of the tab's pages: the SPOC's tab (index.html, vite.config.mts) or the meeting's
 * page (meeting.html, vite.meeting.config.mts), built in that order into tab/dist (`npm run build:tab`). No
 * @vitejs/plugin-react: Vite's built-in oxc transform compiles JSX with React's automatic runtime. The
 * server serves `tab/dist` at `/` (with SPA fallback for /config, /channel, /taskpane and /return); in
 * development `npm run dev:tab` serves both pages and proxies `/api` to the server on port 3978.
 *
 * Issue 16: each page is a build of its own, so no chunk is shared between them. Built together, the
 * meeting's bootstrap came in seven files cut to suit both pages (and React's part in seven more); three
 * members' panels opening at once on a small machine then waited on each other's requests, and the first
 * view took over a second in half the runs (bench/meeting). Built alone, it is one file and one style sheet.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

/** The build of one page; the workspace's comes first and empties tab/dist. */
export const pageConfig = (page: 'index' | 'meeting') =>
  defineConfig(({ command }): UserConfig => ({
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
      emptyOutDir: page === 'index',
      target: 'es2022',
      sourcemap: false,
      // The workspace's entry holds React, Fluent UI and the case list (about 730 KB, 200 KB gzipped); each
      // lazy view gets its own chunk. What counts is the first screen gzipped, < 300 KB (bench/tab.bench.ts).
      chunkSizeWarningLimit: 800,
      rolldownOptions: {
        // The workspace, or the meeting's side panel and stage (issue 16), which loads none of the
        // workspace's router, views or rules so that it opens within a second.
        input: { [page]: `${root}${page}.html` },
        onwarn(warning, warn) {
          // Fluent UI's modules start with 'use client' (for React Server Components); meaningless here.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          // The meeting's page loads teams-js with its bootstrap on purpose; elsewhere it is loaded when the
          // page is in Teams (auth/session.ts), which is what the warning is about.
          if (page === 'meeting' && warning.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
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
