import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '@taizhang/db';
import { createScratchPostgres, postgresRequired } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture } from './io.test-helpers.js';
import { EXIT, main } from './main.js';

/** Who the trail names for this shell's changes: the operating-system user, whatever the environment says. */
const CLI_ACTOR = `cli:${userInfo().username}`;

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
    return runWithInput('', ...argv);
  }

  async function runWithInput(stdin: string, ...argv: string[]): Promise<Run> {
    const io = capture(stdin);
    // TAIZHANG_ACTOR names nobody any more: the trail records the operating-system user.
    const code = await main([...argv, '--data', join(dir, 'data')], io, { ...env, TAIZHANG_ACTOR: 'office' });
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

  it('names January alone 1月, never 1－1月', async () => {
    const table = await run('indicators', '--year', '2021', '--through', '1');
    expect(table.out).toContain('示范区住房和城乡建设局 2021年1月 主要指标');
    const check = await run('check', '--year', '2021', '--through', '1');
    expect(check.out).toContain('示范区住房和城乡建设局 2021年1月 数据完整性检查');
    for (const out of [table.out, check.out]) expect(out).not.toContain('1－1月');
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
    const bad = await run('report', '--template-file', template);
    expect(bad.code).toBe(EXIT.userError);
    expect(bad.err).toContain(`${template} 第2行`);
    expect(bad.err).toContain('未知的指标代码 no_such_indicator');
  });

  it('report --template chooses a stored template by code, and names the stored ones for a code it lacks', async () => {
    const half = await run('report', '--year', '2021', '--through', '6', '--template', 'half-year');
    expect(half.code).toBe(EXIT.ok);
    expect(half.out).toContain('上半年工作总结');
    const none = await run('report', '--template', 'weekly');
    expect(none.code).toBe(EXIT.userError);
    expect(none.err).toContain('该单位没有代码为 weekly 的报告模板；已有：');
    expect(none.err).toContain('half-year（上半年工作总结）');
    expect(none.err).toContain('用 --template 选择已有的模板');
  });

  it('report --strict refuses while a figure is missing, and the draft shows the marker', async () => {
    const template = join(dir, 'later.liquid');
    // The demo holds 2021 values through October only.
    await writeFile(template, "1－12月投资{{ 'fixed_asset_investment' | ytd }}亿元\n");
    const strict = await run('report', '--year', '2021', '--through', '12', '--template-file', template, '--strict');
    expect(strict.code).toBe(EXIT.userError);
    expect(strict.err).toContain('【待填：固定资产投资 1－12月（计划财务股）】');
    expect(strict.err).toContain('缺2021年11月、12月数据');
    const draft = await run('report', '--year', '2021', '--through', '12', '--template-file', template);
    expect(draft.code).toBe(EXIT.ok);
    expect(draft.out).toContain('【待填：固定资产投资 1－12月（计划财务股）】');
  });

  it('ledger add, show, update and list round-trip JSON; a stale version exits 2 printing the current row', async () => {
    const complaint = {
      ref: 'CLI-2021-001',
      section: 'office',
      channel: '来信',
      receivedAt: '2021-06-01 09:00',
      category: '物业管理',
      summary: '小区垃圾清运不及时',
    };
    const add = await run('ledger', 'add', 'complaints', '--json', JSON.stringify(complaint));
    expect(add).toMatchObject({ code: EXIT.ok, err: '已新增群众投诉 CLI-2021-001（第 1 版）\n' });
    const added = JSON.parse(add.out);
    expect(added).toMatchObject({
      ...complaint,
      receivedAt: '2021-06-01T01:00:00Z',
      closedAt: null,
      version: 1,
      createdBy: CLI_ACTOR,
    });

    const show = await run('ledger', 'show', 'complaints', 'CLI-2021-001');
    expect(JSON.parse(show.out)).toEqual(added);

    // A shown row, edited and sent back whole: its bookkeeping is ignored.
    const file = join(dir, 'complaint.json');
    await writeFile(file, JSON.stringify({ ...added, repliedAt: '2021-06-02T10:00:00+08:00' }));
    const update = await run('ledger', 'update', 'complaints', 'CLI-2021-001', '--version', '1', '--file', file);
    expect(update.code).toBe(EXIT.ok);
    const updated = JSON.parse(update.out);
    expect(updated).toEqual({
      ...added,
      repliedAt: '2021-06-02T02:00:00Z',
      version: 2,
      updatedBy: CLI_ACTOR,
      updatedAt: expect.any(String),
    });

    const closed = await runWithInput(
      '{"closedAt": "2021-06-03T10:00:00+08:00"}',
      ...['ledger', 'update', 'complaints', 'CLI-2021-001', '--version', '2', '-'],
    );
    expect(JSON.parse(closed.out)).toMatchObject({ closedAt: '2021-06-03T02:00:00Z', version: 3 });

    const stale = await run(
      'ledger',
      'update',
      'complaints',
      'CLI-2021-001',
      '--version',
      '2',
      '--json',
      '{"summary": "x"}',
    );
    expect(stale.code).toBe(EXIT.userError);
    expect(JSON.parse(stale.out)).toMatchObject({ ref: 'CLI-2021-001', version: 3, summary: complaint.summary });
    expect(stale.err).toMatch(
      new RegExp(
        `^错误：群众投诉 CLI-2021-001 未修改：您依据的是第 2 版，但它已由 ${CLI_ACTOR} 于 .+（北京时间）改为第 3 版`,
      ),
    );
    expect(stale.err).toContain('提示：当前内容见标准输出；请在其基础上重新修改，并写 --version 3');
    expect(stale.err).not.toMatch(/\n\s+at /);

    const list = await run(
      'ledger',
      'list',
      'complaints',
      '--search',
      'cli-2021',
      '--section',
      'office',
      '--limit',
      '5',
    );
    expect(list.code).toBe(EXIT.ok);
    expect(JSON.parse(list.out)).toEqual([JSON.parse((await run('ledger', 'show', 'complaints', 'CLI-2021-001')).out)]);
    const none = await run('ledger', 'list', 'complaints', '--search', 'CLI-2021', '--offset', '1');
    expect(JSON.parse(none.out)).toEqual([]);
  });

  it('ledger refuses a bad row, an unknown ledger and a missing input in Chinese, with exit 2', async () => {
    const bad = await run(
      'ledger',
      'add',
      'commitments',
      '--json',
      '{"ref": "CLI-BSS-1", "section": "housing", "title": "加装电梯", "announcedAt": "2021-04-15", "dueDate": "2021-04-01"}',
    );
    expect(bad.code).toBe(EXIT.userError);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('错误：办实事事项 CLI-BSS-1 未写入：发现 1 处问题，数据库未做任何改动');
    expect(bad.err).toContain('/dueDate 承诺办结日期 2021-04-01 早于公开承诺日期 2021-04-15');
    expect(bad.err).toContain('（LEDGER_DATE_ORDER）');
    expect((await run('ledger', 'show', 'commitments', 'CLI-BSS-1')).code).toBe(EXIT.userError);

    const unknown = await run('ledger', 'list', 'complaint');
    expect(unknown).toMatchObject({
      code: EXIT.userError,
      err: '错误：没有代码为 complaint 的台账，是不是想写 complaints？\n',
    });
    const noInput = await run('ledger', 'add', 'complaints');
    expect(noInput.err).toContain('请给出记录内容');
    const noVersion = await run('ledger', 'update', 'complaints', 'CLI-2021-001', '--json', '{}');
    expect(noVersion.code).toBe(EXIT.userError);
    expect(noVersion.err).toContain('请用 --version 给出所依据的版本号');
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

  // Last: a second district makes --org necessary for every command after it.
  it('load prints a line per ledger the file has rows of', async () => {
    const file = join(dir, 'ledgers.yaml');
    await writeFile(
      file,
      [
        'format: taizhang-dataset/1',
        'organisation: { code: ledger-cli, name: 台账区住房和城乡建设局 }',
        'sections: [{ code: office, name: 办公室 }]',
        'indicators: []',
        'ledgers:',
        '  complaints:',
        '    - { ref: "12345-1", section: office, channel: 来访, receivedAt: 2021-03-02, category: 物业管理, summary: 电梯停运 }',
        '  commitments: []',
        '',
      ].join('\n'),
    );
    const load = await run('load', file);
    expect(load.code).toBe(EXIT.ok);
    expect(load.out).toContain('  群众投诉台账：新增 1，更新 0，未变 0');
    expect(load.out).not.toContain('我为群众办实事台账');
    const list = await run('ledger', 'list', 'complaints', '--org', 'ledger-cli');
    expect(JSON.parse(list.out)).toMatchObject([{ ref: '12345-1', receivedAt: '2021-03-01T16:00:00Z' }]);
  });

  it('loads and writes a milestone done before its planned day, printing a warning with its place', async () => {
    const file = join(dir, 'early.yaml');
    await writeFile(
      file,
      [
        'format: taizhang-dataset/1',
        'organisation: { code: early, name: 提前区住房和城乡建设局 }',
        'sections: [{ code: office, name: 办公室 }]',
        'indicators: []',
        'ledgers:',
        '  projects:',
        '    - ref: XM-1',
        '      section: office',
        '      name: 龙翔路东段',
        '      category: 新建',
        '      plannedYear: 2021',
        '      milestones:',
        '        - { stage: 开工, status: 已完成, plannedAt: 2021-09-30, doneAt: 2021-09-18 }',
        '',
      ].join('\n'),
    );
    const load = await run('load', file);
    expect(load.code).toBe(EXIT.ok);
    expect(load.out).toContain('重点项目台账：新增 1');
    expect(load.err).toContain('提醒 1 条（已写入，请核实）');
    expect(load.err).toContain(`${file}:13:`);
    expect(load.err).toContain('完成日期 2021-09-18 早于计划日期 2021-09-30');
    const milestones = [{ stage: '开工', status: '已完成', plannedAt: '2021-09-30', doneAt: '2021-10-08' }];
    const fixed = await run(
      'ledger',
      'update',
      'projects',
      'XM-1',
      '--version',
      '1',
      '--org',
      'early',
      '--json',
      JSON.stringify({ milestones }),
    );
    expect(fixed.code).toBe(EXIT.ok);
    expect(fixed.err).not.toContain('提醒');
    const again = await run(
      'ledger',
      'update',
      'projects',
      'XM-1',
      '--version',
      '2',
      '--org',
      'early',
      '--json',
      JSON.stringify({ milestones: [{ ...milestones[0], doneAt: '2021-09-01' }] }),
    );
    expect(again.code).toBe(EXIT.ok);
    expect(again.err).toContain('提醒 1 条');
    expect(again.err).toContain('--json /milestones/0/doneAt');
  });

  // Last: it leaves the trail broken on purpose.
  it('audit verify finds the trail intact, then names the record its owner rewrote behind the triggers (exit 1)', async () => {
    const intact = await run('audit', 'verify');
    expect(intact.code).toBe(EXIT.ok);
    expect(intact.out).toMatch(/^审计记录完整：共 \d+ 条，哈希链无断裂\n/);
    expect(intact.out).toMatch(/示范区住房和城乡建设局（shifanqu）：\d+ 条，链头为链位 \d+，哈希 [0-9a-f]{64}/);
    const db = await openDatabase({ dataDir: join(dir, 'data'), url: env.DATABASE_URL });
    let id: string | undefined;
    try {
      id = await db.transaction('owner', async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `select a.id::text as id from audit_log a join ledger_types t on a.table_name = 'ledger_t' || t.id
           where t.code = 'complaints' and a.actor = $1 order by a.id limit 1`,
          [CLI_ACTOR],
        );
        await tx.exec('alter table audit_log disable trigger append_only');
        await tx.query(`update audit_log set actor = 'office', address = '10.0.0.9' where id = $1`, [row?.id]);
        await tx.exec('alter table audit_log enable trigger append_only');
        return row?.id;
      });
    } finally {
      await db.close();
    }
    const broken = await run('audit', 'verify', '--org', 'shifanqu');
    expect(broken.code).toBe(EXIT.incomplete);
    expect(broken.out).toMatch(/^审计记录有断裂：共 \d+ 条，1 条哈希链断裂/);
    expect(broken.out).toMatch(
      new RegExp(
        `示范区住房和城乡建设局（shifanqu）：记录 #${id}（北京时间 [0-9-]+ [0-9:]+，数据表 群众投诉台账（ledger_t\\d+），链位 \\d+）：记录内容与它的哈希不符：这条记录在写入后被改动过`,
      ),
    );
    const json = JSON.parse((await run('audit', 'verify', '--json')).out);
    expect(json).toMatchObject({
      intact: false,
      breaks: [{ id, fault: 'content', table: expect.stringMatching(/^ledger_t\d+$/) }],
    });
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
    for (const command of ['demo', 'load', 'check', 'indicators', 'report', 'ledger', 'audit']) {
      expect(top.text.out).toContain(command);
    }
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
