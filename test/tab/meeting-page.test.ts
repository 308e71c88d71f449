/**
 * Issue 16: the meeting's side panel opens within a second because it is a page of its own. `/meeting`
 * (the URL the configuration page and the meeting installer save) answers the meeting's page, with the
 * same security headers as the workspace, and nothing it loads carries the workspace's views or the rules'
 * phone metadata (the bulk of the workspace's first screen).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuiltTab } from '../e2e/support/built-tab';
import { startLocalServer, type LocalServer } from '../support/local-server';

jest.setTimeout(120_000);

const dist = join(__dirname, '../../tab/dist');

/** Every script the page can load: its own, what they import, and what they load later (over-counted). */
function scriptsOf(html: string): Map<string, string> {
  const seen = new Map<string, string>();
  const todo = [...html.matchAll(/assets\/([\w.-]+\.js)/g)].map((m) => m[1]!);
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    const code = readFileSync(join(dist, 'assets', file), 'utf8');
    seen.set(file, code);
    todo.push(...[...code.matchAll(/(?:\.\/|assets\/)([\w.-]+\.js)/g)].map((m) => m[1]!));
  }
  return seen;
}

describe("the meeting's own page", () => {
  let local: LocalServer;
  beforeAll(async () => {
    ensureBuiltTab();
    local = await startLocalServer({ now: () => new Date('2026-04-13T09:00:00Z') });
  });
  afterAll(() => local?.close());

  it('is what /meeting answers (the URL saved in meetings), with the workspace’s security headers', async () => {
    const meeting = await fetch(`${local.base}/meeting?caseId=case-1`);
    const workspace = await fetch(`${local.base}/`);
    expect(meeting.status).toBe(200);
    const html = await meeting.text();
    expect(html).toContain("<title>ASB Case Review: the panel's meeting</title>");
    expect(await workspace.text()).toContain('<title>ASB Case Review</title>');
    expect(meeting.headers.get('content-security-policy')).toBe(
      workspace.headers.get('content-security-policy'),
    );
    expect(meeting.headers.get('cache-control')).toBe('no-cache');
  });

  it('loads none of the workspace: no workspace views, no phone metadata', async () => {
    const html = await (await fetch(`${local.base}/meeting?caseId=case-1`)).text();
    const scripts = scriptsOf(html);
    expect(scripts.size).toBeGreaterThan(3);
    const all = [...scripts.values()].join('\n');
    expect(all).toContain('Case review'); // the side panel is there...
    expect(all).not.toContain('country_calling_codes'); // ...libphonenumber's metadata is not
    expect(all).not.toContain('New application'); // nor the workspace's views and navigation
    // The workspace itself does carry both, so the checks above can fail.
    const workspace = [...scriptsOf(await (await fetch(`${local.base}/`)).text()).values()].join('\n');
    expect(workspace).toContain('country_calling_codes');
    expect(workspace).toContain('New application');
  });
});
