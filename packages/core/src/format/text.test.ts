import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from './text.js';

describe('telling text from other bytes', () => {
  it('finds invalid UTF-8 exactly when a strict decoder refuses the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let decodes = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          decodes = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(decodes);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts any Unicode text written as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(firstInvalidUtf8(bytes)).toBe(-1);
      }),
    );
  });

  it('points at the first bad byte: overlong forms and surrogates are not UTF-8', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(new Uint8Array([0xe4, 0xb8]))).toBe(0);
  });

  it('drops a UTF-8 byte-order mark', () => {
    const decoded = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'bom.yaml');
    expect(decoded).toEqual({ text: 'a' });
  });

  it.each([
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'JPEG 图片'],
    ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'PDF 文档'],
    ['old Excel', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], '旧版 Excel（.xls）'],
    ['gzip', [0x1f, 0x8b, 0x08], 'GZIP 压缩文件'],
  ])('names a %s file by its signature', (_, bytes, kind) => {
    const decoded = decodeText(new Uint8Array(bytes), 'file');
    if (!('problem' in decoded)) expect.fail('accepted as text');
    expect(decoded.problem.code).toBe('DATASET_NOT_TEXT');
    expect(decoded.problem.message).toContain(kind);
  });

  it('takes UTF-16 without a byte-order mark for what it is', () => {
    const bytes = new Uint8Array([...'format: taizhang-dataset/1'].flatMap((c) => [c.charCodeAt(0), 0]));
    const decoded = decodeText(bytes, 'utf16.yaml');
    if (!('problem' in decoded)) expect.fail('accepted as text');
    expect(decoded.problem.message).toContain('UTF-16');
  });
});
