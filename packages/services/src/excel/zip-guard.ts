import { crc32, createInflateRaw } from 'node:zlib';
import { refuse } from '../refusals.js';

/**
 * A workbook (.xlsx is a zip of XML parts) checked before any spreadsheet library reads it:
 * that it is a zip at all, that every part inflates to no more than the limits allow — a zip
 * bomb declares small sizes and inflates to gigabytes, so the sizes are counted as the bytes
 * come out, not believed — and which cells of each worksheet are merged, which the streaming
 * reader does not report. Memory stays bounded: parts are inflated in a stream and dropped.
 */

export interface WorkbookLimits {
  /** the file itself */
  maxFileBytes: number;
  /** all parts together, inflated */
  maxInflatedBytes: number;
  /** data rows of one sheet */
  maxRows: number;
}

/** The defaults; a deployment may set others (docs/excel.md). */
export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxRows: 100_000,
};

/** What the guard learnt of a workbook. */
export interface WorkbookScan {
  /** merged ranges by worksheet part (xl/worksheets/sheet1.xml → ['A1:C1']) */
  merges: Map<string, string[]>;
  /** the workbook's sheets: name → its part */
  sheets: Map<string, string>;
}

interface Entry {
  name: string;
  method: number;
  /** the CRC-32 of the inflated bytes, as the directory records it */
  crc: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** The central directory's entries, or why the bytes are no zip. */
function entriesOf(bytes: Buffer): Entry[] | string {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL)
    return '文件内容不是 xlsx 格式（可能是 .xls、CSV 或改了扩展名的其他文件）';
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return '文件不完整（可能下载或复制时被截断）';
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return '文件使用了不支持的 ZIP64 格式';
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return '文件目录已损坏';
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of an entry as stored, or undefined when its local header is not where the directory says. */
function storedBytes(bytes: Buffer, entry: Entry): Buffer | undefined {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) return undefined;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) return undefined;
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Inflates one part, handing each chunk to `take`; stops at `budget` bytes, and calls the part
 * broken when its bytes are not what its checksum says (a damaged or tampered file).
 */
function inflatePart(
  stored: Buffer,
  entry: Entry,
  budget: number,
  take: (chunk: Buffer) => void,
): Promise<number | 'over' | 'broken'> {
  if (entry.method === 0) {
    if (stored.length > budget) return Promise.resolve('over');
    if (crc32(stored) !== entry.crc) return Promise.resolve('broken');
    take(stored);
    return Promise.resolve(stored.length);
  }
  if (entry.method !== 8) return Promise.resolve('broken');
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let total = 0;
    let crc = 0;
    let settled = false;
    const settle = (result: number | 'over' | 'broken') => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) return settle('over');
      crc = crc32(chunk, crc);
      take(chunk);
    });
    inflate.on('error', () => settle('broken'));
    inflate.on('end', () => settle(crc === entry.crc ? total : 'broken'));
    inflate.end(stored);
  });
}

/** Finds merged ranges in a worksheet's chunks, keeping the end of each so a tag split between two is seen whole. */
function mergeFinder(merges: string[]): (chunk: Buffer) => void {
  let tail = '';
  return (chunk) => {
    const text = tail + chunk.toString('latin1');
    for (const m of text.matchAll(MERGE)) if (m[1] !== undefined && !merges.includes(m[1])) merges.push(m[1]);
    tail = text.slice(-256);
  };
}

/** The workbook's two small parts are read whole. */
const WHOLE_PARTS = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels'];

const MERGE = /<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g;
const SHEET =
  /<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]+)"|<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"[^>]*?\bname="([^"]*)"/g;
const RELATION =
  /<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"|<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"/g;

function xmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Checks a workbook's bytes against `limits` and reads what the streaming reader cannot:
 * merged cells and the sheets' names. Refuses, naming the file, anything that is not a
 * readable workbook within the limits.
 */
export async function guardWorkbook(bytes: Buffer, file: string, limits: WorkbookLimits): Promise<WorkbookScan> {
  if (bytes.length > limits.maxFileBytes) {
    throw refuse('XLSX_TOO_LARGE', { file, what: '文件大小', limit: megabytes(limits.maxFileBytes) });
  }
  const entries = entriesOf(bytes);
  if (typeof entries === 'string') throw refuse('XLSX_NOT_WORKBOOK', { file, reason: entries });
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw refuse('XLSX_NOT_WORKBOOK', { file, reason: '压缩包中没有工作簿（可能是 Word 文档或其他压缩文件）' });
  }
  const scan: WorkbookScan = { merges: new Map(), sheets: new Map() };
  const texts = new Map<string, string>();
  let budget = limits.maxInflatedBytes;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const stored = storedBytes(bytes, entry);
    if (stored === undefined) throw refuse('XLSX_NOT_WORKBOOK', { file, reason: `部件 ${entry.name} 已损坏` });
    const merges: string[] = [];
    const chunks: Buffer[] = [];
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const whole = WHOLE_PARTS.includes(entry.name);
    const take = isSheet ? mergeFinder(merges) : whole ? (chunk: Buffer) => chunks.push(chunk) : () => {};
    const result = await inflatePart(stored, entry, budget, take);
    if (result === 'over') {
      throw refuse('XLSX_TOO_LARGE', { file, what: '解压后的内容', limit: megabytes(limits.maxInflatedBytes) });
    }
    if (result === 'broken') throw refuse('XLSX_NOT_WORKBOOK', { file, reason: `部件 ${entry.name} 无法解压` });
    budget -= result;
    if (merges.length > 0) scan.merges.set(entry.name, merges);
    if (whole) texts.set(entry.name, Buffer.concat(chunks).toString('utf8'));
  }
  const targets = new Map<string, string>();
  for (const m of (texts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(RELATION)) {
    const id = m[1] ?? m[4];
    const target = m[2] ?? m[3];
    if (id !== undefined && target !== undefined) {
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
  }
  for (const m of (texts.get('xl/workbook.xml') ?? '').matchAll(SHEET)) {
    const name = m[1] ?? m[4];
    const id = m[2] ?? m[3];
    if (name !== undefined && id !== undefined) scan.sheets.set(xmlText(name), targets.get(id) ?? '');
  }
  return scan;
}
