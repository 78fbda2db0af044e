import type { Liquid } from 'liquidjs';
import type { ReportScope } from '../scope.js';
import { type FilterImpl, lineOf } from '../template-engine.js';

/**
 * The ledger family: facts read from ledger rows rather than indicators — the most frequent
 * values of a field (`top`), the latest date of the rows still open (`latest`). Each prints as
 * a figure whose provenance names the ledger, or as a marker when the period has no row.
 */
export function registerLedgers(liquid: Liquid, scope: ReportScope): void {
  const { input, registry } = scope;

  liquid.registerFilter('top', function (this: FilterImpl, ledger: unknown, field: unknown, count: unknown) {
    const ranking = (input.rankings ?? []).find((r) => r.ledger === ledger && r.field === field);
    if (!ranking) {
      const known = (input.rankings ?? []).map((r) => `'${r.ledger}' | top: '${r.field}'`).join('、') || '无';
      throw new Error(`没有可排名的台账字段 ${String(ledger)}.${String(field)}；可用：${known}`);
    }
    const n = typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 3;
    const chosen = ranking.entries.slice(0, n);
    const label = scope.periodLabel;
    if (chosen.length === 0) {
      return scope.ledgerMarker({
        text: `【待填：${ranking.ledgerName} ${label}（无记录）】`,
        subject: ranking.ledger,
        subjectName: ranking.ledgerName,
        reason: `${label}没有${ranking.ledgerName}记录`,
        line: lineOf(this),
      });
    }
    const text = chosen.map((e) => e.value).join('、');
    return registry.figure(`${ranking.ledger}|top:${ranking.field}|${text}`, (ref) => ({
      ref,
      indicator: { code: ranking.ledger, name: ranking.ledgerName, unit: '件', section: '', sectionName: '' },
      measure: `top:${ranking.field}`,
      measureLabel: `按${ranking.fieldTitle}排名`,
      periodLabel: label,
      text,
      exact: ranking.entries.map((e) => `${e.value} ${e.count}`).join('；'),
      sources: [],
      ledgerRows: { ledger: ranking.ledger, refs: [], total: ranking.entries.reduce((sum, e) => sum + e.count, 0) },
    }));
  });

  liquid.registerFilter('latest', function (this: FilterImpl, ledger: unknown, field: unknown) {
    const fact = (input.latest ?? []).find((f) => f.ledger === ledger && f.field === field);
    if (!fact) {
      const known = (input.latest ?? []).map((f) => `'${f.ledger}' | latest: '${f.field}'`).join('、') || '无';
      throw new Error(`没有可用的台账日期 ${String(ledger)}.${String(field)}；可用：${known}`);
    }
    const label = scope.periodLabel;
    if (fact.value === null) {
      return scope.ledgerMarker({
        text: `【待填：${fact.ledgerName} ${fact.fieldTitle}（${label}末没有未办结的记录）】`,
        subject: fact.ledger,
        subjectName: fact.ledgerName,
        reason: `${label}末没有未办结的记录`,
        line: lineOf(this),
      });
    }
    const text = dateInYear(fact.value, input.year);
    return registry.figure(`${fact.ledger}|latest:${fact.field}|${text}`, (ref) => ({
      ref,
      indicator: { code: fact.ledger, name: fact.ledgerName, unit: '', section: '', sectionName: '' },
      measure: `latest:${fact.field}`,
      measureLabel: `未办结事项最晚${fact.fieldTitle}`,
      periodLabel: label,
      text,
      exact: fact.value ?? undefined,
      sources: [],
      ledgerRows: { ledger: fact.ledger, refs: [...fact.refs], total: fact.refs.length },
    }));
  });
}

/** 12月20日 in the report's own year, 2022年1月15日 in another. */
function dateInYear(iso: string, year: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y === year ? '' : `${y}年`}${m}月${d}日`;
}
