/**
 * Table and column names are the only SQL not passed as parameters. They come from the
 * catalogue (ledger_t12, c3), never from what an office writes, and are checked against the
 * generated shape all the same before they reach SQL, quoted (identifiers.test.ts).
 */
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** A catalogue name, quoted; anything else is a programming error and never reaches the database. */
export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a catalogue identifier: ${name}`);
  return `"${name}"`;
}
