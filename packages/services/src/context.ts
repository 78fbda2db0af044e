import type { OrgContext } from '@taizhang/contract';
import { type Database, listSections, type OrganisationRow } from '@taizhang/db';
import { latestPeriod } from './indicator-figures.js';
import { ledgerCatalogue } from './ledger-catalogue.js';
import { periodView } from './period-view.js';

export async function organisationContext(db: Database, org: OrganisationRow): Promise<OrgContext> {
  const [sections, latest, ledgers] = await Promise.all([
    listSections(db, org.id),
    latestPeriod(db, org.id),
    ledgerCatalogue(db, org.id),
  ]);
  return {
    org: { code: org.code, name: org.name, shortName: org.shortName },
    sections: sections.map(({ code, name }) => ({ code, name })),
    period: latest === undefined ? null : periodView(latest),
    ledgers,
  };
}
