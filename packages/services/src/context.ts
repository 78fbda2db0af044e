import { type Database, listSections, type OrganisationRow } from '@taizhang/db';
import { latestPeriod } from './indicator-figures.js';
import { type LedgerInfo, ledgerCatalogue } from './ledger-catalogue.js';
import { type PeriodView, periodView } from './period-view.js';

/** What every page of the web app starts from (docs/api.md, GET /api/context). */
export interface ContextView {
  org: { code: string; name: string; shortName: string | null };
  sections: { code: string; name: string }[];
  /** the latest period with data; null while the organisation has none */
  period: PeriodView | null;
  ledgers: LedgerInfo[];
}

export async function organisationContext(db: Database, org: OrganisationRow): Promise<ContextView> {
  const [sections, latest] = await Promise.all([listSections(db, org.id), latestPeriod(db, org.id)]);
  return {
    org: { code: org.code, name: org.name, shortName: org.shortName },
    sections: sections.map(({ code, name }) => ({ code, name })),
    period: latest === undefined ? null : periodView(latest),
    ledgers: ledgerCatalogue(),
  };
}
