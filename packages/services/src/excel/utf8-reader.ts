import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * exceljs's streaming reader, made safe for Chinese text. exceljs 4.4.0 decodes each inflated
 * chunk of a part on its own (lib/utils/parse-sax.js), so a character whose bytes a chunk
 * boundary splits — most Chinese characters are three bytes — becomes U+FFFD: 质量安全监督站
 * read back as 质量���全监督站, one row in a few hundred of a large sheet. Each part is therefore
 * handed to exceljs in chunks cut only between characters. The reader's part parsers are
 * internal to exceljs, hence the exact version pinned in package.json and the check below,
 * which fails loudly if an upgrade renames them; the test of a large Chinese sheet
 * (ledger-excel.test.ts) fails if the fault returns.
 */

/** Where a buffer's last complete UTF-8 character ends: the bytes after it begin a character still to come. */
export function utf8Boundary(bytes: Uint8Array): number {
  let lead = bytes.length - 1;
  // a character is at most four bytes: at most three continuation bytes (10xxxxxx) end the buffer
  while (lead >= 0 && bytes.length - lead <= 3 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes.length;
  const first = bytes[lead] ?? 0;
  const size = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead + size <= bytes.length ? bytes.length : lead;
}

/** The same bytes, re-cut so that no chunk ends inside a character. */
export async function* utf8Aligned(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const piece =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const bytes = carry.length === 0 ? piece : Buffer.concat([carry, piece]);
    const cut = utf8Boundary(bytes);
    carry = bytes.subarray(cut);
    if (cut > 0) yield bytes.subarray(0, cut);
  }
  if (carry.length > 0) yield carry;
}

type Part = AsyncIterable<Uint8Array | string>;

/** The reader's part parsers this file re-feeds. */
interface Internals {
  _parseWorksheet(iterator: Part, sheetNo: string): unknown;
  _parseSharedStrings(entry: Part): unknown;
  _parseStyles(entry: Part): unknown;
  _parseWorkbook(entry: Part): unknown;
  _parseRels(entry: Part): unknown;
}

const ENTRY_PARSERS = ['_parseSharedStrings', '_parseStyles', '_parseWorkbook', '_parseRels'] as const;

/** exceljs's streaming workbook reader over `input`, every part read in whole characters. */
export function workbookReader(
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as Internals;
  for (const name of ['_parseWorksheet', ...ENTRY_PARSERS] as const) {
    if (typeof internals[name] !== 'function') throw new Error(`exceljs has no ${name}: its reader changed`);
  }
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Aligned(iterator), sheetNo);
  for (const name of ENTRY_PARSERS) {
    const parse = internals[name].bind(reader);
    // these read their part as a stream (exceljs's iterateStream listens for 'data')
    internals[name] = (entry) => parse(Readable.from(utf8Aligned(entry)));
  }
  return reader;
}
