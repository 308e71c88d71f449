/**
 * The public pages' CSS and JavaScript (issue 17), from govuk-frontend, served from this app (no third-party
 * scripts), compressed once at start-up and cached for good under a content hash.
 *
 * The GDS Transport font is GOV.UK's own and not for other domains (GOV.UK Design System, "Typeface"), so
 * its @font-face rules are dropped and the pages fall back to the stack's Arial. The honeypot's hiding rule
 * is added (views/form.njk).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

const GOVUK = join(require.resolve('govuk-frontend/package.json'), '../dist/govuk');

interface Asset {
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

function asset(type: string, text: string): Asset {
  const raw = Buffer.from(text);
  return {
    type,
    raw,
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(raw, { level: 9 }),
  };
}

export interface PublicAssets {
  css: string;
  js: string;
  handler: RequestHandler;
}

export function publicAssets(): PublicAssets {
  const css = readFileSync(join(GOVUK, 'govuk-frontend.min.css'), 'utf8')
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/font-family:GDS Transport,/g, 'font-family:')
    .concat(
      '.asb-hp{position:absolute!important;left:-10000px!important;top:auto;width:1px;height:1px;overflow:hidden}',
    );
  const frontend = readFileSync(join(GOVUK, 'govuk-frontend.min.js'), 'utf8').replace(
    /\/\/# sourceMappingURL=.*$/m,
    '',
  );
  const files: Record<string, Asset> = {
    'app.css': asset('text/css; charset=utf-8', css),
    'govuk-frontend.min.js': asset('text/javascript; charset=utf-8', frontend),
    'init.js': asset(
      'text/javascript; charset=utf-8',
      "import { initAll } from './govuk-frontend.min.js';\ninitAll();\n",
    ),
  };
  const version = createHash('sha256')
    .update(
      Object.values(files)
        .map((f) => f.raw.toString('base64'))
        .join('|'),
    )
    .digest('hex')
    .slice(0, 12);
  const base = `/public-assets/${version}`;
  const handler: RequestHandler = (req, res, next) => {
    const match = /^\/public-assets\/([0-9a-f]{12})\/([\w.-]+)$/.exec(req.path);
    const file = match?.[1] === version ? files[match[2]!] : undefined;
    if (!file) return next();
    res.setHeader('Content-Type', file.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    sendEncoded(req, res, file);
  };
  return { css: `${base}/app.css`, js: `${base}/init.js`, handler };
}

function sendEncoded(req: Request, res: Response, file: Asset): void {
  res.setHeader('Vary', 'Accept-Encoding');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'br');
    res.end(file.br);
  } else if (/\bgzip\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(file.gzip);
  } else res.end(file.raw);
}

/** An HTML page, compressed for the browser that accepts it (brotli at a quick setting, or gzip). */
export function sendHtml(req: Request, res: Response, status: number, html: string): void {
  const raw = Buffer.from(html);
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Vary', 'Accept-Encoding, Cookie');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'br');
    res.end(brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  } else if (/\bgzip\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(gzipSync(raw, { level: 6 }));
  } else res.end(raw);
}
