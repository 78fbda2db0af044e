import { type Database, listOrganisations, type OrganisationRow } from '@taizhang/db';
import { refuse } from './refusals.js';

/**
 * The organisation a command works on: the one named, or the only one in the database.
 * Every later query is scoped by its id.
 */
export async function resolveOrganisation(db: Database, code?: string): Promise<OrganisationRow> {
  const all = await listOrganisations(db);
  if (code !== undefined) {
    const found = all.find((org) => org.code === code);
    if (found) return found;
    throw refuse('ORG_UNKNOWN', { code }, { details: all.map((org) => `${org.code}  ${org.name}`) });
  }
  // Cities appear as parents of districts; a command means a district unless told otherwise.
  const districts = all.filter((org) => org.level === 'district');
  const candidates = districts.length > 0 ? districts : all;
  if (candidates.length === 1) return candidates[0] as OrganisationRow;
  if (candidates.length === 0) throw refuse('ORG_NONE', {});
  throw refuse('ORG_AMBIGUOUS', {}, { details: candidates.map((org) => `${org.code}  ${org.name}`) });
}
