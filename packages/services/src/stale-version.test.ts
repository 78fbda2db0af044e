import { describe, expect, it } from 'vitest';
import { staleVersion } from './stale-version.js';

describe('a write at a version that no longer holds', () => {
  it('says what the writer believed and what is there now, and carries the thing as it is', () => {
    const changed = staleVersion(
      'VALUE_STALE_VERSION',
      '固定资产投资该期数值',
      2,
      { version: 3, by: '李晓梅' },
      { v: 3 },
    );
    expect(changed).toMatchObject({ kind: 'conflict', code: 'VALUE_STALE_VERSION', current: { v: 3 } });
    expect(changed.message).toBe(
      '固定资产投资该期数值未保存：您依据的是第 2 版，它已由 李晓梅 改为第 3 版；请在最新内容基础上重新修改',
    );
    expect(staleVersion('TARGET_STALE_VERSION', '目标', undefined, { version: 1 }, null).message).toBe(
      '目标未保存：它已填写（第 1 版）；请在其基础上修改',
    );
    expect(staleVersion('TARGET_STALE_VERSION', '目标', 4, undefined, null).message).toBe(
      '目标未保存：它还不存在，不能按第 4 版修改；请刷新后重新填写',
    );
  });
});
