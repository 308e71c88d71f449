import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/**
 * The tab's first-screen weight: runs the Vite production build in memory (nothing is written to
 * tab/dist) and sums the gzipped size of the JavaScript index.html loads before any lazy view: the entry
 * chunk and everything it imports statically. Target: under 300 KB gzipped.
 */

const TARGET_KB = 300;

interface OutputChunk {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
}
interface OutputAsset {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}
type Output = { output: (OutputChunk | OutputAsset)[] };

export interface TabWeight {
  /** The files of the first screen, with their gzipped sizes in bytes. */
  initial: { fileName: string; gzip: number }[];
  initialGzip: number;
  /** Everything loaded later (lazy views, teams-js inside Teams). */
  lazyGzip: number;
  cssGzip: number;
}

/** Builds the tab in memory and measures what the first screen downloads. */
export async function measureTabBundle(): Promise<TabWeight> {
  const { build } = await import('vite');
  const result = (await build({
    configFile: resolve(__dirname, '../tab/vite.config.ts'),
    logLevel: 'error',
    build: { write: false, emptyOutDir: false },
  })) as Output | Output[];
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = new Map(
    outputs.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]),
  );
  const gz = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;

  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    initial.add(fileName);
    for (const dep of chunks.get(fileName)?.imports ?? []) visit(dep);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);

  const sizes = [...initial].map((fileName) => ({ fileName, gzip: gz(chunks.get(fileName)!.code) }));
  const lazyGzip = [...chunks.values()]
    .filter((c) => !initial.has(c.fileName))
    .reduce((n, c) => n + gz(c.code), 0);
  const cssGzip = outputs
    .filter((o): o is OutputAsset => o.type === 'asset' && o.fileName.endsWith('.css'))
    .reduce((n, a) => n + gz(a.source), 0);
  return {
    initial: sizes.sort((a, b) => b.gzip - a.gzip),
    initialGzip: sizes.reduce((n, s) => n + s.gzip, 0),
    lazyGzip,
    cssGzip,
  };
}

/**
 * For the end-to-end bench (it needs the server): milliseconds from navigation to the first rendered page
 * of the case list, from the `asb:first-case-list` performance mark the tab sets. The page must be signed in
 * (a token in sessionStorage) or the mark never comes.
 */
export async function firstCaseListMs(page: Page, url: string, timeoutMs = 30_000): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () => performance.getEntriesByName('asb:first-case-list').length > 0,
    undefined,
    {
      timeout: timeoutMs,
    },
  );
  return page.evaluate(() => performance.getEntriesByName('asb:first-case-list')[0]!.startTime);
}

export default async function bench(): Promise<void> {
  const t0 = performance.now();
  const weight = await measureTabBundle();
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    `tab: initial JavaScript ${kb(weight.initialGzip)} KB gzipped (target < ${TARGET_KB} KB) in ${weight.initial.length} files; ` +
      `lazy views ${kb(weight.lazyGzip)} KB; CSS ${kb(weight.cssGzip)} KB; build ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (const f of weight.initial) console.log(`  ${f.fileName}: ${kb(f.gzip)} KB`);
  if (weight.initialGzip > TARGET_KB * 1024) process.exitCode = 1;
}
