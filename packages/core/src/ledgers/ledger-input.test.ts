import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEDGER_CODES, presetLedger } from './catalogue.js';
import { ledgerInputOf, parseLedgerInput } from './validate.js';

/**
 * A form's fields reach the ledger rules as an object (ledgerInputOf); a file's as text
 * (parseLedgerInput). The two must read the same row alike, decimals to the digit, or a web
 * edit and a command-line edit of one row would be checked and stored differently.
 */
describe('a row given as an object or as JSON text', () => {
  const rows = fc.constantFrom(...LEDGER_CODES).chain((code) => {
    const fields = presetLedger(code).columns.map((c) => c.field);
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.jsonValue(), { maxLength: 3 }),
    );
    const row = fc.dictionary(fc.oneof(fc.constantFrom(...fields, 'ref', 'section'), fc.string()), value, {
      maxKeys: 8,
    });
    return fc.tuple(fc.constant(code), row);
  });

  it('reads them alike, every decimal as the digits JSON writes', () => {
    fc.assert(
      fc.property(rows, ([code, row]) => {
        // What a form sends is JSON text, parsed by the server into the object the services get.
        const body = JSON.stringify(row);
        const asText = parseLedgerInput(presetLedger(code), body, 'row.json');
        expect(asText.ok).toBe(true);
        if (asText.ok) expect(ledgerInputOf(presetLedger(code), JSON.parse(body))).toEqual(asText.value);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a decimal field’s number as text, so no digit is lost to a float', () => {
    const code = LEDGER_CODES.find((c) => presetLedger(c).columns.some((col) => col.type === 'decimal'));
    expect(code).toBeDefined();
    if (code === undefined) return;
    const decimal = presetLedger(code).columns.find((col) => col.type === 'decimal')?.field ?? '';
    expect(ledgerInputOf(presetLedger(code), { [decimal]: 1234.5 })[decimal]).toBe('1234.5');
  });
});
