/**
 * A few helpers to write SVG as text. Only presentation attributes are written (`fill`,
 * `font-size`, …), never a `style` attribute: the app's content security policy forbids inline
 * styles, and Word's and resvg's SVG readers understand presentation attributes best.
 */
import { cleanText } from '../report/clean-text';

export function escapeXml(text: string): string {
  return cleanText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type AttributeValue = string | number | undefined;

/** Rounds coordinates to two decimals: shorter files, and the same text on every machine. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export function element(name: string, attributes: Record<string, AttributeValue>, children?: string | readonly string[]): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
  if (children === undefined) return `<${name}${attrs}/>`;
  return `<${name}${attrs}>${typeof children === 'string' ? children : children.join('')}</${name}>`;
}

/**
 * Breaks a label into lines of at most `maxChars` characters at spaces, at most `maxLines` lines;
 * what does not fit ends in an ellipsis. Charts have no text layout engine, so widths are
 * estimated from the character count (see `estimateTextWidth`).
 */
export function wrapLabel(text: string, maxChars: number, maxLines: number): string[] {
  const words = cleanText(text).trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  let index = 0;
  for (; index < words.length; index += 1) {
    const word = words[index]!;
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= maxChars) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    if (lines.length === maxLines) {
      current = '';
      break;
    }
    current = word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word;
  }
  if (current && lines.length < maxLines) lines.push(current);
  const truncated = index < words.length || lines.length > maxLines;
  const kept = lines.slice(0, maxLines);
  if (truncated && kept.length) {
    const last = kept[kept.length - 1]!;
    kept[kept.length - 1] = last.length + 1 > maxChars ? `${last.slice(0, maxChars - 1).trimEnd()}…` : `${last}…`;
  }
  return kept;
}

/** DejaVu Sans, the font the charts ship with, averages a little under 0.6 em per character. */
export function estimateTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}
