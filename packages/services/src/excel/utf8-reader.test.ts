import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Aligned, utf8Boundary } from './utf8-reader.js';

async function collected(chunks: Uint8Array[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const chunk of utf8Aligned(source())) out.push(chunk);
  return out;
}

describe('UTF-8 text cut between characters', () => {
  it('decodes every chunk on its own to the text, however the bytes were cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.nat({ max: 50 }), { maxLength: 30 }),
        async (text, cuts) => {
          const bytes = Buffer.from(text);
          const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
          const chunks = [...points, bytes.length].map((end, i) =>
            bytes.subarray(i === 0 ? 0 : (points[i - 1] ?? 0), end),
          );
          const aligned = await collected(chunks);
          // decoded one by one, as exceljs decodes them, nothing is lost or replaced
          expect(aligned.map((chunk) => chunk.toString('utf8')).join('')).toBe(text);
        },
      ),
    );
  });

  it('finds where the last whole character ends', () => {
    const zhong = Buffer.from('中'); // three bytes
    expect(utf8Boundary(Buffer.concat([Buffer.from('a'), zhong.subarray(0, 2)]))).toBe(1);
    expect(utf8Boundary(Buffer.concat([Buffer.from('a'), zhong]))).toBe(4);
    expect(utf8Boundary(Buffer.from('😀').subarray(0, 3))).toBe(0);
    expect(utf8Boundary(Buffer.alloc(0))).toBe(0);
  });
});
