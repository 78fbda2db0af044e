import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createScratchPostgres, postgresRequired } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main } from './main.js';

/** An Io that keeps what a command writes. */
function capture() {
  const text = { out: '', err: '' };
  return {
    text,
    out: (t: string) => {
      text.out += t;
    },
    err: (t: string) => {
      text.err += t;
    },
  };
}

interface Run {
  code: number;
  out: string;
  err: string;
}

/** The CLI's shells: PGlite in a directory, and the PostgreSQL server when one is given. */
const shells: { name: string; setup(dir: string): Promise<{ env: NodeJS.ProcessEnv; teardown(): Promise<void> }> }[] = [
  { name: 'pglite', setup: async () => ({ env: {}, teardown: async () => undefined }) },
];
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  shells.push({
    name: 'postgres',
    async setup() {
      const scratch = await createScratchPostgres(adminUrl);
      return { env: { DATABASE_URL: scratch.url }, teardown: scratch.drop };
    },
  });
} else if (postgresRequired()) {
  throw new Error('DATABASE_URL is required here but is not set');
}

describe.each(shells)('taizhang CLI on $name', (shell) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'taizhang-cli-'));
    ({ env, teardown } = await shell.setup(dir));
  });
  afterAll(async () => {
    await teardown?.();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<Run> {
    const io = capture();
    const code = await main([...argv, '--data', join(dir, 'data')], io, { ...env, TAIZHANG_ACTOR: 'cli-test' });
    return { code, out: io.text.out, err: io.text.err };
  }

  it('demo creates the demo district, and check reports 1－10月 complete', async () => {
    const demo = await run('demo');
    expect(demo).toMatchObject({ code: EXIT.ok, err: '' });
    expect(demo.out).toContain('已载入 示范区住房和城乡建设局（shifanqu）');
    const check = await run('check', '--year', '2021', '--through', '10');
    expect(check.code).toBe(EXIT.ok);
    expect(check.out).toContain('数据齐全');
  });

  it('check exits non-zero and names the owing section when values are missing', async () => {
    const check = await run('check', '--year', '2021', '--through', '12');
    expect(check.code).toBe(EXIT.incomplete);
    expect(check.out).toMatch(/计划财务股\s+固定资产投资\s+2021年\s+11月、12月/);
    expect(check.out).toMatch(/建筑业管理股\s+建筑业总产值\s+2021年\s+4季度/);
    const json = JSON.parse((await run('check', '--year', '2021', '--through', '12', '--json')).out);
    expect(json.gaps.length).toBeGreaterThan(0);
  });

  it('indicators prints the figures of the period, rounded half-up', async () => {
    const table = await run('indicators', '--year', '2021', '--through', '10');
    expect(table.code).toBe(EXIT.ok);
    const row = table.out.split('\n').find((line) => line.startsWith('固定资产投资'));
    // 29.02 of 36.00 = 80.61…％; time progress 10 ÷ 12 = 83.33…％; behind by 2.7 points → yellow
    expect(row?.split(/\s+/)).toEqual(
      expect.arrayContaining(['亿元', '1－10月', '29.02', '36.00', '80.6', '83.3', '黄']),
    );
    expect(table.out).toContain('* 全年目标由目标增速推算');
    const json = JSON.parse((await run('indicators', '--year', '2021', '--through', '10', '--json')).out);
    const investment = json.indicators.find((i: { indicator: string }) => i.indicator === 'fixed_asset_investment');
    expect(investment.ytd).toEqual({ value: '29.02' });
    expect(investment.targetAmount).toEqual({ value: '36' });
  });

  it('defaults to the latest period in the data', async () => {
    const table = await run('indicators');
    expect(table.out).toContain('2021年1－10月');
  });

  it('refuses a malformed dataset with file, path and reason, and no stack trace', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'format: taizhang-dataset/1\norganisation: { code: x, name: 某区 }\nsections: []\nindicators: 3\n',
    );
    const load = await run('load', file);
    expect(load.code).toBe(EXIT.userError);
    expect(load.err).toContain(file);
    expect(load.err).toContain('/indicators');
    expect(load.err).not.toMatch(/\n\s+at /);
    expect((await run('check', '--year', '2021', '--through', '10')).code).toBe(EXIT.ok);
  });

  it('report prints the work summary as Markdown, and writes a DOCX', async () => {
    const md = await run('report', '--year', '2021', '--through', '10');
    expect(md.code).toBe(EXIT.ok);
    expect(md.out).toContain('# 示范区住房和城乡建设局2021年工作总结');
    expect(md.out).toContain('1－10月已完成投资29.02亿元，占全年目标的80.6％，预计年底能够完成全年目标任务。');
    const file = join(dir, 'summary.docx');
    const docx = await run(
      'report',
      '--year',
      '2021',
      '--through',
      '10',
      '--format',
      'docx',
      '--out',
      file,
      '--strict',
    );
    expect(docx).toMatchObject({ code: EXIT.ok, out: `${file}\n` });
    // A DOCX is a zip: PK\x03\x04.
    expect((await readFile(file)).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it('report names the template line of an unknown indicator code', async () => {
    const template = join(dir, 'bad.liquid');
    await writeFile(template, "# 标题\n投资{{ 'no_such_indicator' | ytd }}亿元\n");
    const bad = await run('report', '--template', template);
    expect(bad.code).toBe(EXIT.userError);
    expect(bad.err).toContain(`${template} 第2行`);
    expect(bad.err).toContain('未知的指标代码 no_such_indicator');
  });

  it('report --strict refuses while a figure is missing, and the draft shows the marker', async () => {
    const template = join(dir, 'later.liquid');
    // The demo holds 2021 values through October only.
    await writeFile(template, "1－12月投资{{ 'fixed_asset_investment' | ytd }}亿元\n");
    const strict = await run('report', '--year', '2021', '--through', '12', '--template', template, '--strict');
    expect(strict.code).toBe(EXIT.userError);
    expect(strict.err).toContain('【待填：固定资产投资 1－12月（计划财务股）】');
    expect(strict.err).toContain('缺2021年11月、12月数据');
    const draft = await run('report', '--year', '2021', '--through', '12', '--template', template);
    expect(draft.code).toBe(EXIT.ok);
    expect(draft.out).toContain('【待填：固定资产投资 1－12月（计划财务股）】');
  });

  it('explains bad options in Chinese', async () => {
    const bad = await run('check', '--through', '13');
    expect(bad.code).toBe(EXIT.userError);
    expect(bad.err).toContain('截至月份应为 1 至 12 的整数');
    const unknownOrg = await run('check', '--org', 'nowhere');
    expect(unknownOrg.code).toBe(EXIT.userError);
    expect(unknownOrg.err).toContain('没有代码为 nowhere 的单位');
    expect(unknownOrg.err).toContain('shifanqu');
  });
});

describe('taizhang CLI without a database', () => {
  it('says which server it could not reach, without a stack trace', async () => {
    const io = capture();
    const code = await main(['check'], io, { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' });
    const err = io.text.err;
    expect(code).toBe(EXIT.userError);
    expect(err).toContain('无法打开数据库（PostgreSQL 服务器 postgres://nobody:***@127.0.0.1:1/none）');
    expect(err).not.toContain('secret');
  });

  it('lists its commands, each with its own help', async () => {
    const top = capture();
    expect(await main(['--help'], top, {})).toBe(EXIT.ok);
    for (const command of ['demo', 'load', 'check', 'indicators', 'report']) expect(top.text.out).toContain(command);
    const check = capture();
    expect(await main(['check', '--help'], check, {})).toBe(EXIT.ok);
    expect(check.text.out).toContain('--through');
  });

  it('runs as an installed binary (npx taizhang)', async () => {
    const bin = fileURLToPath(new URL('../bin/taizhang.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help']);
    expect(stdout).toContain('台账');
  });
});
