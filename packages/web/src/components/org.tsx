import type { Named, OrgContext } from '@taizhang/contract';
import type { ReportPeriod } from '@taizhang/core/browser';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { api } from '../api/endpoints.js';
import { useUser } from '../session.js';
import { useApi } from './useApi.js';

interface OrgValue {
  /** GET /api/context, or undefined while loading or when the role may not read it */
  context: OrgContext | undefined;
  sections: Named[];
  /** the period every period page shows; shared so that moving between pages keeps it */
  period: ReportPeriod;
  setPeriod(period: ReportPeriod): void;
}

const OrgContextValue = createContext<OrgValue | undefined>(undefined);

/** Without data yet: the month before this one (the last complete month), as a bureau reports. */
function fallbackPeriod(now: Date): ReportPeriod {
  const month = now.getMonth();
  return month === 0 ? { year: now.getFullYear() - 1, through: 12 } : { year: now.getFullYear(), through: month };
}

/** The organisation context of the signed-in user and the chosen period. */
export function OrgProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const readsData = user.role !== 'auditor';
  const context = useApi(() => (readsData ? api.context() : Promise.resolve(undefined)), [readsData]);
  const [chosen, setPeriod] = useState<ReportPeriod | undefined>(undefined);
  const period = chosen ?? context.data?.period ?? fallbackPeriod(new Date());
  const value = useMemo(
    () => ({ context: context.data, sections: context.data?.sections ?? [], period, setPeriod }),
    [context.data, period],
  );
  return <OrgContextValue.Provider value={value}>{children}</OrgContextValue.Provider>;
}

export function useOrg(): OrgValue {
  const value = useContext(OrgContextValue);
  if (!value) throw new Error('useOrg outside OrgProvider');
  return value;
}
