/** How many rows a load inserted, changed and found already as written. */
export class UpsertCount {
  inserted = 0;
  updated = 0;
  unchanged = 0;

  record(outcome: 'inserted' | 'updated' | 'unchanged', n = 1): void {
    this[outcome] += n;
  }

  /** Counts a batch upsert whose statement returned one row per inserted or changed row. */
  recordBatch(total: number, changed: readonly { inserted: boolean }[]): void {
    const inserted = changed.filter((row) => row.inserted).length;
    this.inserted += inserted;
    this.updated += changed.length - inserted;
    this.unchanged += total - changed.length;
  }
}
