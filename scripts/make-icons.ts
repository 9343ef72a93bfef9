/**
 * Renders every application icon from the one source image, build/icon.svg:
 * build/icon.png (1024 px, used for Windows and macOS, which electron-builder converts to .ico
 * and .icns) and build/icons/<size>x<size>.png for Linux.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const linuxIconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

export function makeIcons(buildDir: string): string[] {
  const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  const render = (size: number) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  const written: string[] = [];
  writeFileSync(join(buildDir, 'icon.png'), render(1024));
  written.push(join(buildDir, 'icon.png'));
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const size of linuxIconSizes) {
    const path = join(buildDir, 'icons', `${size}x${size}.png`);
    writeFileSync(path, render(size));
    written.push(path);
  }
  return written;
}

if (process.argv[1]?.endsWith('make-icons.ts')) {
  const written = makeIcons(join(process.cwd(), 'build'));
  console.log(`Rendered ${written.length} icons from build/icon.svg.`);
}
