import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSALS, refuse, refuseField, refuseForm, refuseStale } from './refusals.js';

describe('the catalogue of refusals', () => {
  it('words a write at a version that no longer holds alike for everything, carrying the thing as it is', () => {
    const changed = refuseStale(
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
    expect(refuseStale('TARGET_STALE_VERSION', '目标', undefined, { version: 1 }, null).message).toBe(
      '目标未保存：它已填写（第 1 版）；请在其基础上修改',
    );
    expect(refuseStale('TARGET_STALE_VERSION', '目标', 4, undefined, null).message).toBe(
      '目标未保存：它还不存在，不能按第 4 版修改；请刷新后重新填写',
    );
  });

  it('keeps the arguments a message was made from, for a shell to add its own hint', () => {
    const missing = refuse('LEDGER_ROW_MISSING', { ledger: 'complaints', label: '群众投诉台账', ref: 'TS-9' });
    expect(missing).toMatchObject({ kind: 'not-found', code: 'LEDGER_ROW_MISSING' });
    expect(missing.message).toBe('群众投诉台账中没有编号为 TS-9 的记录');
    expect(missing.args).toEqual({ ledger: 'complaints', label: '群众投诉台账', ref: 'TS-9' });
  });

  it('names a form field, and a form’s first problem after what was not done', () => {
    const empty = refuseField('TEMPLATE_EMPTY', 'text', {});
    expect(empty.problems).toEqual([{ field: 'text', message: '模板内容不能为空', line: undefined }]);
    const form = refuseForm('USER_INVALID', [{ field: 'displayName', message: '姓名不能为空' }], {
      what: '用户未创建',
    });
    expect(form.message).toBe('用户未创建：姓名不能为空');
    expect(form.problems).toHaveLength(1);
  });

  it('gives every entry a kind and a Chinese message that names no command-line flag', () => {
    const sample = new Proxy({}, { get: () => '样例' });
    for (const [code, entry] of Object.entries(REFUSALS)) {
      expect(['invalid', 'unauthenticated', 'forbidden', 'not-found', 'conflict', 'unavailable']).toContain(entry.kind);
      const message = (entry.message as (args: unknown) => string)(sample);
      expect(message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(message, code).not.toMatch(/--[a-z]|taizhang /);
    }
  });

  it('is the only way the services and the shells over them raise a refusal, beside the command line’s own catalogue', async () => {
    const offenders: string[] = [];
    const catalogues: Record<string, readonly string[]> = {
      services: ['refusals.ts', 'service-error.ts', 'user-error.ts'],
      server: [],
      cli: ['cli-refusals.ts'],
    };
    for (const [pkg, own] of Object.entries(catalogues)) {
      const root = new URL(`../../${pkg}/src/`, import.meta.url).pathname;
      const files = (await readdir(root, { recursive: true })).filter(
        (f) => f.endsWith('.ts') && !f.includes('.test') && !own.includes(f),
      );
      for (const file of files) {
        const text = await readFile(join(root, file), 'utf8');
        if (/new (ServiceError|UserError)\(/.test(text)) offenders.push(`${pkg}/${file}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
