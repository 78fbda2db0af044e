import { type LedgerColumn, type LedgerDef, ledgerColumn } from '@taizhang/core';
import type { ArrivalsSource, StagesSource } from '@taizhang/db';

/**
 * The ledgers a report paragraph or a dashboard chart reads, found by what their definitions
 * declare rather than by their codes: the preset's 重点项目台账 and 群众投诉台账 are the first
 * to fit, and an organisation's own ledger of the same shape serves as well.
 */

function live(column: LedgerColumn | undefined): LedgerColumn | undefined {
  return column?.definition.retired === true ? undefined : column;
}

/**
 * The ledger the key projects' sentences and the dashboard's stage chart read: the first with
 * a list of dated stages, a choice `category` (续建, 新建, …) and an integer `plannedYear`.
 */
export interface StagedLedger {
  ledger: LedgerDef;
  stages: LedgerColumn;
  category: LedgerColumn;
  year: LedgerColumn;
}

export function stagedLedger(ledgers: readonly LedgerDef[]): StagedLedger | undefined {
  for (const ledger of ledgers) {
    const stages = live(ledger.columns.find((column) => column.kind === 'stages'));
    const category = live(ledgerColumn(ledger, 'category'));
    const year = live(ledgerColumn(ledger, 'plannedYear'));
    if (stages !== undefined && category?.kind === 'choice' && year?.kind === 'integer') {
      return { ledger, stages, category, year };
    }
  }
  return undefined;
}

export function stagesSource({ ledger, stages, category, year }: StagedLedger): StagesSource {
  return { table: ledger.table, stagesColumn: stages.column, categoryColumn: category.column, yearColumn: year.column };
}

/**
 * The ledger the dashboard counts arrivals and completions of by month: the first placed in a
 * period by a date-time (群众投诉: 受理时间) with a deadline done by another (办结时间).
 */
export function arrivalsLedger(ledgers: readonly LedgerDef[]): (ArrivalsSource & { ledger: LedgerDef }) | undefined {
  for (const ledger of ledgers) {
    const placedBy = ledger.definition.placedBy;
    const arrived = placedBy === undefined ? undefined : live(ledgerColumn(ledger, placedBy));
    const doneBy = ledger.columns.find((column) => column.definition.due?.doneBy !== undefined)?.definition.due?.doneBy;
    const done = doneBy === undefined ? undefined : live(ledgerColumn(ledger, doneBy));
    if (arrived?.type === 'dateTime' && done?.type === 'dateTime') {
      return { ledger, table: ledger.table, arrivedColumn: arrived.column, doneColumn: done.column };
    }
  }
  return undefined;
}
