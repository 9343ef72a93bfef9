/**
 * Text typed by people (justifications, findings, file names) goes into XML inside Word and Excel
 * files. XML 1.0 forbids most control characters, and Word refuses a file that holds one ("unreadable
 * content") — a justification pasted from a PDF can carry a form feed or a stray NUL. They are
 * removed, along with unpaired surrogates (half an emoji) and the two non-characters U+FFFE/U+FFFF.
 * Tabs and line breaks are kept; line breaks are normalised to `\n`.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(forbidden, '');
}

/** Cleaned, and cut to `max` characters (with an ellipsis) where a document has room for less. */
export function cleanShortText(text: string, max: number): string {
  const cleaned = cleanText(text).trim();
  return cleaned.length <= max ? cleaned : `${cleaned.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
