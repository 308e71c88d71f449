import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { TAB_BUILD_CONFIGS } from '../scripts/tab-build';

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
  name: string;
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
  /**
   * Issue 16: the meeting's page (meeting.html): its bootstrap with what it imports, then React, Fluent UI
   * and the meeting's views it loads at once, and teams-js. Gzipped bytes.
   */
  meeting: { bootstrapGzip: number; totalGzip: number; files: number };
}

/** Builds the tab's pages in memory, as `npm run build:tab` does, and measures what each first downloads. */
export async function measureTabBundle(): Promise<TabWeight> {
  const { build } = await import('vite');
  const outputs: Output['output'] = [];
  for (const config of TAB_BUILD_CONFIGS) {
    const result = (await build({
      configFile: resolve(__dirname, '..', config),
      logLevel: 'error',
      build: { write: false, emptyOutDir: false },
    })) as Output | Output[];
    outputs.push(...(Array.isArray(result) ? result : [result]).flatMap((r) => r.output));
  }
  const chunks = new Map(
    outputs.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]),
  );
  const gz = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;

  const closure = (from: string[]) => {
    const seen = new Set<string>();
    const visit = (fileName: string) => {
      if (seen.has(fileName)) return;
      seen.add(fileName);
      for (const dep of chunks.get(fileName)?.imports ?? []) visit(dep);
    };
    for (const f of from) visit(f);
    return seen;
  };
  const named = (name: string, entry: boolean) =>
    [...chunks.values()].filter((c) => c.isEntry === entry && c.name === name).map((c) => c.fileName);
  // The workspace's first screen: index.html's entry and its static imports.
  const initial = closure(named('index', true));
  // The meeting's page: the bootstrap with its static imports (teams-js among them), then what it loads
  // once the first view is drawn (meeting-app: React, Fluent UI and the views), not its other lazy parts
  // (the local sign-in, the Outlook and partner sign-in).
  const bootstrap = closure(named('meeting', true));
  const meetingAll = closure([...bootstrap, ...named('meeting-app', false)]);
  const sum = (files: Set<string>) => [...files].reduce((n, f) => n + gz(chunks.get(f)!.code), 0);

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
    meeting: { bootstrapGzip: sum(bootstrap), totalGzip: sum(meetingAll), files: meetingAll.size },
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
  console.log(
    `the meeting's page (issue 16): bootstrap ${kb(weight.meeting.bootstrapGzip)} KB, with React, Fluent UI, the views and teams-js ${kb(weight.meeting.totalGzip)} KB gzipped in ${weight.meeting.files} files`,
  );
  if (weight.initialGzip > TARGET_KB * 1024) process.exitCode = 1;
}
