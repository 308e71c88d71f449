/**
 * Draws the app's icons as real PNGs (a shield holding a document: "a case, protected").
 *
 *   npx tsx scripts/make-icons.ts
 *
 * Writes, and the PNGs are committed:
 * - manifest/color.png        192x192, full colour (Teams app icon)
 * - manifest/outline.png      32x32, white on transparent (Teams app bar)
 * - manifest/color32x32.png   32x32, colour on transparent (Outlook and the Microsoft 365 app)
 * - manifest/addin-icons/icon-{16,32,80}.png for the Outlook ribbon button. The unified manifest wants
 *   absolute URLs for these, so the server must serve this folder at `${TAB_ENDPOINT}/addin-icons/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];
/** Paints one point of the unit square ((0,0) top left); null is transparent. */
type Paint = (x: number, y: number) => Rgba | null;

export const ACCENT: Rgba = [0x1f, 0x4e, 0x79, 255];
const WHITE: Rgba = [255, 255, 255, 255];

interface Shield {
  top: number;
  bottom: number;
  halfWidth: number;
}

const OUTER: Shield = { top: 0.1, bottom: 0.92, halfWidth: 0.36 };

/** Straight sides for the upper half, then a parabola that closes to a point at the bottom. */
function inShield(x: number, y: number, s: Shield): boolean {
  if (y < s.top || y > s.bottom) return false;
  const t = (y - s.top) / (s.bottom - s.top);
  const k = t < 0.45 ? 0 : (t - 0.45) / 0.55;
  return Math.abs(x - 0.5) <= s.halfWidth * (1 - k * k);
}

function shrink(s: Shield, by: number): Shield {
  return { top: s.top + by, bottom: s.bottom - by * 1.8, halfWidth: s.halfWidth - by };
}

function inRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number): boolean {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** Three "text lines" of a document, the last one shorter. */
function inLines(x: number, y: number, thickness: number): boolean {
  return (
    inRect(x, y, 0.33, 0.3, 0.67, 0.3 + thickness) ||
    inRect(x, y, 0.33, 0.44, 0.67, 0.44 + thickness) ||
    inRect(x, y, 0.33, 0.58, 0.56, 0.58 + thickness)
  );
}

/** The Teams colour icon: white shield and accent lines on a solid accent square. */
const colourOnAccent: Paint = (x, y) => {
  if (inShield(x, y, OUTER)) return inLines(x, y, 0.06) ? ACCENT : WHITE;
  return ACCENT;
};

/** Small colour icons: accent shield with white lines, transparent around it. */
const colourOnTransparent: Paint = (x, y) => {
  if (!inShield(x, y, OUTER)) return null;
  return inLines(x, y, 0.08) ? WHITE : ACCENT;
};

/** The outline icon: white stroke and two white lines, nothing else (Teams tints it). */
const whiteOutline: Paint = (x, y) => {
  const stroke = inShield(x, y, OUTER) && !inShield(x, y, shrink(OUTER, 0.085));
  const lines = inRect(x, y, 0.35, 0.34, 0.65, 0.42) || inRect(x, y, 0.35, 0.52, 0.58, 0.6);
  return stroke || lines ? WHITE : null;
};

/** Renders with 4x4 supersampling; colour is averaged weighted by alpha so edges stay pure. */
export function render(size: number, paint: Paint): PNG {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const c = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round(a / (samples * samples));
    }
  }
  return png;
}

function write(file: string, png: PNG): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
  console.log(`wrote ${path.relative(process.cwd(), file)} (${png.width}x${png.height})`);
}

function main(): void {
  const dir = path.resolve('manifest');
  write(path.join(dir, 'color.png'), render(192, colourOnAccent));
  write(path.join(dir, 'outline.png'), render(32, whiteOutline));
  write(path.join(dir, 'color32x32.png'), render(32, colourOnTransparent));
  for (const size of [16, 32, 80]) {
    write(path.join(dir, 'addin-icons', `icon-${size}.png`), render(size, colourOnTransparent));
  }
}

main();
