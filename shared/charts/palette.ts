/**
 * Chart colours for a light page (Word, print, the light theme) and a dark one (the dark theme).
 * Text colours reach WCAG 2.1 AA contrast (4.5:1) on their background; the two series colours are
 * told apart by lightness as well as hue, so they stay distinct in greyscale print and for readers
 * with red–green colour blindness, and the second series is also drawn with a dashed outline.
 */
export interface ChartPalette {
  /** null: transparent, the page behind shows through. */
  background: string | null;
  text: string;
  mutedText: string;
  grid: string;
  axis: string;
  series: readonly [string, string];
  /** Fill opacity of radar areas. */
  areaOpacity: number;
  threshold: string;
}

export const chartPalettes = {
  light: {
    background: '#ffffff',
    text: '#1b2733',
    mutedText: '#4a5866',
    grid: '#d5dbe1',
    axis: '#8795a1',
    series: ['#1f5f99', '#d9822b'],
    areaOpacity: 0.18,
    threshold: '#5c6b78',
  },
  dark: {
    background: null,
    text: '#e8edf2',
    mutedText: '#b8c2cc',
    grid: '#3b4752',
    axis: '#7d8a96',
    series: ['#6cb2f0', '#f2a65a'],
    areaOpacity: 0.25,
    threshold: '#aab6c2',
  },
} as const satisfies Record<'light' | 'dark', ChartPalette>;

export type ChartPaletteName = keyof typeof chartPalettes;

export function paletteOf(palette: ChartPaletteName | ChartPalette): ChartPalette {
  return typeof palette === 'string' ? chartPalettes[palette] : palette;
}
