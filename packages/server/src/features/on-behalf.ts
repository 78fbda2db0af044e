/**
 * What every feature's operations share: the caller they act for, the period a query names,
 * and the caller's organisation as the database has it now. Runs in the backend worker.
 */
import { type Database, findOrganisation, type OrganisationRow } from '@taizhang/db';
import { type Caller, choosePeriod, refuse } from '@taizhang/services';

/** A period as a query gives it: either part may be left to the data (the latest period). */
export interface PeriodQuery {
  year?: number | undefined;
  through?: number | undefined;
}

/** Who an operation acts for: authorised by the route's permission before the call. */
export interface OnBehalf {
  caller: Caller;
}

export async function organisationOf(db: Database, caller: Caller): Promise<OrganisationRow> {
  const org = await findOrganisation(db, caller.user.org.code);
  // The organisation was removed (a demo recreated) under a live session: sign in again.
  if (org === undefined || org.id !== caller.orgId) {
    throw refuse('SESSION_ENDED', {});
  }
  return org;
}

/** The year asked for, or the year of the latest data. */
export async function yearOf(db: Database, caller: Caller, year: number | undefined): Promise<number> {
  return year ?? (await choosePeriod(db, caller.orgId, {})).year;
}
