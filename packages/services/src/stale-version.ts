import { ServiceError } from './service-error.js';

/** What is there now, against which a write at an older version was refused. */
export interface CurrentVersion {
  version: number;
  /** who wrote it, when the thing records that */
  by?: string | null | undefined;
}

/**
 * 409 for a write based on a version that no longer holds, worded alike for everything edited
 * at a version (values, targets, templates, narratives, accounts). `asked` undefined means the
 * writer believed there was none yet; `current` undefined means there is none. `view` is the
 * thing as it now is, which the answer carries so the writer can start again from it.
 */
export function staleVersion(
  code: string,
  subject: string,
  asked: number | undefined,
  current: CurrentVersion | undefined,
  view: unknown,
): ServiceError {
  const by = current?.by ? `由 ${current.by} ` : '';
  const message =
    current === undefined
      ? `${subject}未保存：它还不存在，不能按第 ${asked} 版修改；请刷新后重新填写`
      : asked === undefined
        ? `${subject}未保存：它已${by}填写（第 ${current.version} 版）；请在其基础上修改`
        : `${subject}未保存：您依据的是第 ${asked} 版，它已${by}改为第 ${current.version} 版；请在最新内容基础上重新修改`;
  return new ServiceError('conflict', code, message, { current: view });
}
