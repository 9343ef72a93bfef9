/**
 * A first look at a workbook that came from outside, before any spreadsheet library parses it. An
 * .xlsx file is a zip of XML parts; a hostile one can be a zip bomb (a few kilobytes that inflate to
 * gigabytes), a sheet of millions of rows, or XML with entity declarations. This reads the zip's
 * central directory itself, inflates each part with a hard output limit (so a part that lies about
 * its size is caught), refuses DTDs, and counts the rows of every sheet — all before exceljs sees a
 * byte.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError, nameForMessage } from '../../../shared/errors';

interface ZipLimits {
  fileBytes: number;
  entries: number;
  partBytes: number;
  totalBytes: number;
  rows: number;
}

interface ZipPart {
  name: string;
  data: Buffer;
}

const invalid = (message: string, params?: Record<string, string | number>) =>
  new AppError({ code: 'INVALID_FILE', message, ...(params ? { params } : {}) });

/** The file's kind from its first bytes, for a message that says what it is instead. */
function describeForeign(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return 'This is an old Excel 97–2003 workbook (.xls) or another legacy Office file. Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and import that file.';
  }
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'This is a PDF document, not an Excel workbook. Import the questionnaire file (.xlsx) itself.';
  return 'This file is not an Excel workbook (.xlsx): it is not even a zip archive. It may be damaged, or another kind of file. Import the questionnaire file as the partner returned it.';
}

/**
 * Checks the archive and returns its XML parts, inflated within the limits. Throws an AppError with
 * a sentence for the user when the file is not a workbook or is beyond the limits.
 */
export function inspectWorkbookZip(bytes: Uint8Array, limits: ZipLimits): ZipPart[] {
  if (bytes.length > limits.fileBytes) {
    throw new AppError({
      code: 'FILE_TOO_LARGE',
      message: `This file is larger than ${Math.round(limits.fileBytes / 1024 / 1024)} MB, far more than a filled questionnaire. It was not opened.`,
      params: { maxMb: Math.round(limits.fileBytes / 1024 / 1024) },
    });
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) throw invalid(describeForeign(bytes));

  // End of central directory: the last 22 bytes, or earlier when the archive has a comment.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i -= 1) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid('This zip archive is damaged (its table of contents is missing). Ask for the file again.');
  const count = buffer.readUInt16LE(eocd + 10);
  const directorySize = buffer.readUInt32LE(eocd + 12);
  const directoryOffset = buffer.readUInt32LE(eocd + 16);
  if (count > limits.entries) throw invalid(`This archive holds ${count} files, more than any questionnaire. It was refused.`, { count });
  if (directoryOffset + directorySize > buffer.length) throw invalid('This zip archive is damaged or cut off. Ask for the file again.');

  const parts: ZipPart[] = [];
  let total = 0;
  let offset = directoryOffset;
  for (let n = 0; n < count; n += 1) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw invalid('This zip archive is damaged. Ask for the file again.');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const declaredSize = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const shown = nameForMessage(name);
    if (declaredSize > limits.partBytes) throw invalid(`A part of this workbook (${shown}) would unpack to more than ${Math.round(limits.partBytes / 1024 / 1024)} MB. It was refused as unsafe.`, { part: shown });
    total += declaredSize;
    if (total > limits.totalBytes) throw invalid('This workbook would unpack to far more data than a questionnaire holds. It was refused as unsafe.');
    // Only the XML parts are inflated and checked; pictures and other media are left alone.
    if (!/\.(xml|rels)$/i.test(name)) continue;
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== 0x04034b50) throw invalid('This zip archive is damaged. Ask for the file again.');
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    const raw = buffer.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    try {
      if (method === 0) data = Buffer.from(raw);
      else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: limits.partBytes });
      else throw invalid(`A part of this workbook (${shown}) uses a compression Excel does not use. It was refused.`, { part: shown });
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw invalid(`A part of this workbook (${shown}) unpacks to more than it declares. It was refused as unsafe.`, { part: shown });
      throw invalid(`A part of this workbook (${shown}) is damaged and cannot be read. Ask for the file again.`, { part: shown });
    }
    parts.push({ name, data });
  }

  const names = new Set(parts.map((part) => part.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw invalid('This zip archive is not an Excel workbook: it has no workbook inside. Import the questionnaire file (.xlsx) as the partner returned it.');
  }
  for (const part of parts) {
    const head = part.data.subarray(0, 4096).toString('utf8');
    // Entity declarations can expand to gigabytes when parsed ("billion laughs"); Excel never writes them.
    if (/<!DOCTYPE|<!ENTITY/i.test(head) || (part.data.length > 4096 && /<!ENTITY/i.test(part.data.toString('utf8')))) {
      const shown = nameForMessage(part.name);
      throw invalid(`A part of this workbook (${shown}) declares XML entities, which Excel never writes. It was refused as unsafe.`, { part: shown });
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(part.name)) {
      const rows = countOccurrences(part.data, '<row ') + countOccurrences(part.data, '<row>');
      if (rows > limits.rows) {
        throw invalid(`A sheet of this workbook has ${rows} rows; a questionnaire has at most ${limits.rows}. It was refused.`, { rows, max: limits.rows });
      }
    }
  }
  return parts;
}

function countOccurrences(data: Buffer, needle: string): number {
  const pattern = Buffer.from(needle);
  let count = 0;
  for (let i = data.indexOf(pattern); i >= 0; i = data.indexOf(pattern, i + pattern.length)) count += 1;
  return count;
}
