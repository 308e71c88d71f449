import './support/strip-bom-for-jest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildAppPackage,
  checkIcon,
  iconRules,
  SAMPLE_VALUES,
  type Json,
} from '../../scripts/lib/app-package';

const manifestDir = path.resolve(__dirname, '../../manifest');

function read(file: string): Buffer {
  return readFileSync(path.join(manifestDir, file));
}

function solid(size: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}

describe('the icons', () => {
  it('colour icon is 192x192', () => {
    expect(checkIcon('color.png', read('color.png'), { size: 192 })).toEqual([]);
  });

  it('outline icon is 32x32, white on a transparent background', () => {
    expect(checkIcon('outline.png', read('outline.png'), { size: 32, outline: true })).toEqual([]);
    const png = PNG.sync.read(read('outline.png'));
    const alphas = [...png.data.filter((_, i) => i % 4 === 3)];
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(alphas.length / 4);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(0);
  });

  it('small colour icon is 32x32', () => {
    expect(checkIcon('color32x32.png', read('color32x32.png'), { size: 32 })).toEqual([]);
  });

  it('Outlook ribbon icons are 16, 32 and 80 pixels', () => {
    for (const size of [16, 32, 80]) {
      const file = `addin-icons/icon-${size}.png`;
      expect(checkIcon(file, read(file), { size })).toEqual([]);
    }
  });

  it('the checks catch a wrong size, an opaque outline and a coloured outline', () => {
    expect(checkIcon('a.png', solid(64, [255, 255, 255, 255]), { size: 32, outline: true })).toEqual([
      'a.png: is 64x64, must be 32x32',
      'a.png: has no transparent pixels; the background must be transparent',
    ]);
    const blue = new PNG({ width: 32, height: 32 });
    blue.data.set([0, 0, 255, 255], 32 * 16 * 4);
    expect(checkIcon('b.png', PNG.sync.write(blue), { size: 32, outline: true })).toEqual([
      'b.png: 1 of 1024 visible pixels are not white',
    ]);
    expect(checkIcon('c.png', Buffer.from('not a png'), { size: 32 })[0]).toMatch(
      /^c.png: not a readable PNG/,
    );
  });
});

describe('the app package zip', () => {
  it('holds manifest.json and the icons at its root, and nothing else', async () => {
    const built = await buildAppPackage(manifestDir, SAMPLE_VALUES);
    const zip = await JSZip.loadAsync(built.zip);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['color.png', 'color32x32.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Json;
    expect(manifest).toEqual(built.manifest);
    for (const [file] of iconRules(manifest)) {
      const inZip = await zip.file(file)!.async('nodebuffer');
      expect(inZip.equals(read(file))).toBe(true);
    }
  });
});
