import { type Database, listOrganisations, type OrganisationRow } from '@taizhang/db';
import { UserError } from './user-error.js';

/**
 * The organisation a command works on: the one named, or the only one in the database.
 * Every later query is scoped by its id.
 */
export async function resolveOrganisation(db: Database, code?: string): Promise<OrganisationRow> {
  const all = await listOrganisations(db);
  if (code !== undefined) {
    const found = all.find((org) => org.code === code);
    if (found) return found;
    throw new UserError(
      'ORG_UNKNOWN',
      `数据库中没有代码为 ${code} 的单位`,
      all.map((org) => `${org.code}  ${org.name}`),
      { kind: 'not-found' },
    );
  }
  // Cities appear as parents of districts; a command means a district unless told otherwise.
  const districts = all.filter((org) => org.level === 'district');
  const candidates = districts.length > 0 ? districts : all;
  if (candidates.length === 1) return candidates[0] as OrganisationRow;
  if (candidates.length === 0) {
    throw new UserError('ORG_NONE', '数据库中还没有任何单位，请先载入数据集');
  }
  throw new UserError(
    'ORG_AMBIGUOUS',
    '数据库中有多个单位，请指定其一',
    candidates.map((org) => `${org.code}  ${org.name}`),
  );
}
