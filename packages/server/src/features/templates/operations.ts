import type { NarrativeInput } from '@taizhang/contract';
import type { Database } from '@taizhang/db';
import { renderHtml } from '@taizhang/render';
import {
  choosePeriod,
  narrativeList,
  reportFromText,
  saveNarrative,
  saveTemplate,
  templateList,
  templateView,
} from '@taizhang/services';
import { type OnBehalf, organisationOf, type PeriodQuery, yearOf } from '../on-behalf.js';

/** Report templates (edited at a version, previewed before saving) and narratives (叙述). */
export const templateOperations = {
  templates: (db: Database, { caller }: OnBehalf) => templateList(db, caller.orgId),
  template: (db: Database, { caller, code }: OnBehalf & { code: string }) => templateView(db, caller.orgId, code),
  async saveTemplate(
    db: Database,
    { caller, code, text, version }: OnBehalf & { code: string; text: string; version: number },
  ) {
    return saveTemplate(db, caller, await organisationOf(db, caller), code, { text, version });
  },
  async previewTemplate(db: Database, { caller, text, ...query }: OnBehalf & PeriodQuery & { text: string }) {
    const org = await organisationOf(db, caller);
    const doc = await reportFromText(db, org, await choosePeriod(db, org.id, query), text);
    return { html: renderHtml(doc), missing: doc.missing };
  },
  async narratives(db: Database, { caller, year }: OnBehalf & { year?: number }) {
    return narrativeList(db, caller.orgId, await yearOf(db, caller, year));
  },
  saveNarrative: (db: Database, { caller, code, edit }: OnBehalf & { code: string; edit: NarrativeInput }) =>
    saveNarrative(db, caller, code, edit),
};
