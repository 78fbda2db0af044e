import { type BinaryFileKind, makeProblem, type Problem } from '../errors.js';

/**
 * Magic numbers of the files most often picked by mistake in a file dialog, so the message
 * can say "this is an Excel workbook" rather than only "not text".
 */
const SIGNATURES: readonly { kind: BinaryFileKind; bytes: readonly number[] }[] = [
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'ole', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);

/**
 * The bytes as text, or the one problem that says why they are not a UTF-8 text file. A UTF-8
 * byte-order mark (as Windows Notepad writes) is accepted and dropped.
 */
export function decodeText(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  const wholeFile = { file, path: '' };
  const signature = SIGNATURES.find((candidate) => startsWith(bytes, candidate.bytes));
  if (signature !== undefined) return { problem: makeProblem(wholeFile, 'binaryFile', { kind: signature.kind }) };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || looksLikeUtf16(bytes)) {
    return { problem: makeProblem(wholeFile, 'utf16Text', {}) };
  }
  if (bytes.includes(0)) return { problem: makeProblem(wholeFile, 'binaryFile', { kind: 'unknown' }) };
  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    return { problem: makeProblem({ ...wholeFile, ...bytePosition(bytes, invalid) }, 'notUtf8', {}) };
  }
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

/** UTF-16 without a byte-order mark: ASCII text with a zero byte beside nearly every character. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  if (sample.length < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  const half = sample.length / 2;
  return Math.max(evenZeros, oddZeros) > half * 0.6 && Math.min(evenZeros, oddZeros) < half * 0.1;
}

/** Offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return -1;
}

/** Line and column of a byte offset; everything before it is valid UTF-8. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}
