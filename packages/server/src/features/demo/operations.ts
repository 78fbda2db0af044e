import type { Database } from '@taizhang/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, recreateDemo, sectionNames } from '@taizhang/services';

/** The demo district, (re)created when the server starts with `--demo`: no route reaches it. */
export const demoOperations = {
  async recreateDemo(db: Database, args: { actor: string }) {
    const summary = await recreateDemo(db, args.actor);
    const sections = await sectionNames(db, summary.organisation.id);
    const accounts = DEMO_ACCOUNTS.map((a) => ({ ...a, sectionName: a.section && sections.get(a.section) }));
    return { organisation: summary.organisation, accounts, password: DEMO_PASSWORD };
  },
};
