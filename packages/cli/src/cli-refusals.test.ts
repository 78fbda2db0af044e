import { REFUSALS } from '@taizhang/services';
import { describe, expect, it } from 'vitest';
import { CLI_REFUSALS, cliRefusal } from './cli-refusals.js';

describe('the command line’s own refusals', () => {
  it('use codes of their own, none of which the services give another meaning', () => {
    for (const code of Object.keys(CLI_REFUSALS)) expect(Object.hasOwn(REFUSALS, code), code).toBe(false);
  });

  it('word each refusal in Chinese from its arguments, keeping them for a hint', () => {
    const refused = cliRefusal('SERVE_PORT_IN_USE', { port: 3000 });
    expect(refused).toMatchObject({ code: 'SERVE_PORT_IN_USE', kind: 'unavailable', args: { port: 3000 } });
    expect(refused.message).toBe('端口 3000 已被占用，请用 --port 换一个端口');
    const missing = cliRefusal('LEDGER_VERSION_MISSING', { ledger: 'complaints', ref: '12345-2021-000006' });
    expect(missing.message).toContain('taizhang ledger show complaints 12345-2021-000006');
    expect(cliRefusal('LEDGER_INPUT_SOURCE', { problem: 'extra', argument: 'x.json' }).message).toBe(
      '多余的参数 x.json；要从标准输入读取记录内容，请写 -',
    );
  });
});
