import { type Database, type IndicatorRow, listIndicators } from '@taizhang/db';
import { refuse } from './refusals.js';

/** An indicator of the organisation by its code, or the refusal INDICATOR_UNKNOWN (404). */
export async function findIndicator(db: Database, orgId: string, code: string): Promise<IndicatorRow> {
  const found = (await listIndicators(db, orgId)).find((i) => i.code === code);
  if (found === undefined) throw refuse('INDICATOR_UNKNOWN', { code });
  return found;
}
