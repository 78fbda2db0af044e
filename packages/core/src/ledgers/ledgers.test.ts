import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetOf, lineOf, onlyProblem, parseText, problemsOf } from '../dataset/dataset.test-helpers.js';
import { datasetSchema, type SchemaNode } from '../format/schema.js';
import {
  checkLedgerRow,
  isLedgerCode,
  LEDGER_CODES,
  ledgerColumn,
  mergeLedgerChanges,
  parseLedgerInput,
  presetLedger,
  readMoment,
  snakeCase,
  validateLedgerRow,
} from './index.js';

const HEAD = `format: taizhang-dataset/1
organisation: { code: demo, name: 示范区住房和城乡建设局 }
sections:
  - { code: office, name: 办公室 }
  - { code: housing, name: 住房保障股 }
indicators: []
`;

type Fields = Record<string, unknown>;

const COMPLAINT: Fields = {
  ref: 'C-1',
  section: 'office',
  channel: '12345热线',
  receivedAt: '2021-03-02T09:12:00+08:00',
  category: '物业管理',
  summary: '小区电梯长期停运',
};

const COMMITMENT: Fields = {
  ref: 'BSS-1',
  section: 'housing',
  title: '老旧小区加装电梯试点',
  announcedAt: '2021-04-15',
  dueDate: '2021-12-20',
};

/** A dataset with these rows, one per line in flow style (JSON is YAML too). */
function withLedgers(ledgers: Partial<Record<string, Fields[]>>): string {
  const lists = Object.entries(ledgers).map(
    ([code, rows]) => `  ${code}:\n${(rows ?? []).map((row) => `    - ${JSON.stringify(row)}\n`).join('')}`,
  );
  return `${HEAD}ledgers:\n${lists.join('')}`;
}

describe('the ledger catalogue', () => {
  it('lists exactly the ledgers the schema lists under `ledgers`, each with its names and no table of its own', () => {
    const listed = Object.keys((datasetSchema.properties.ledgers as SchemaNode).properties as object);
    expect(LEDGER_CODES).toEqual(listed);
    expect(presetLedger('complaints')).toMatchObject({
      code: 'complaints',
      table: '',
      label: '群众投诉台账',
      rowTitle: '群众投诉',
      schemaDef: 'ledger_complaints',
    });
    expect(presetLedger('commitments')).toMatchObject({ table: '', label: '我为群众办实事台账' });
    expect(isLedgerCode('complaints')).toBe(true);
    expect(isLedgerCode('toString')).toBe(false);
  });

  it('derives each column from the schema: name in snake_case, SQL type from type and format', () => {
    const columns = (code: string) => presetLedger(code).columns.map((c) => [c.field, c.column, c.sqlType, c.required]);
    expect(columns('complaints')).toEqual([
      ['channel', 'channel', 'text', true],
      ['receivedAt', 'received_at', 'timestamptz', true],
      ['category', 'category', 'text', true],
      ['summary', 'summary', 'text', true],
      ['dueDate', 'due_date', 'date', false],
      ['repliedAt', 'replied_at', 'timestamptz', false],
      ['closedAt', 'closed_at', 'timestamptz', false],
      ['satisfaction', 'satisfaction', 'text', false],
    ]);
    expect(columns('commitments')).toEqual([
      ['title', 'title', 'text', true],
      ['announcedAt', 'announced_at', 'date', true],
      ['dueDate', 'due_date', 'date', true],
      ['doneAt', 'done_at', 'date', false],
      ['evidence', 'evidence', 'text', false],
    ]);
    expect(ledgerColumn(presetLedger('complaints'), 'satisfaction')).toMatchObject({
      title: '满意度',
      values: ['满意', '基本满意', '不满意'],
    });
    expect(snakeCase('announcedAt')).toBe('announced_at');
  });

  it('requires ref and section of every row, and titles every field in Chinese', () => {
    for (const code of LEDGER_CODES) {
      const definition = (datasetSchema.$defs as unknown as Record<string, SchemaNode>)[presetLedger(code).schemaDef];
      expect(definition?.required).toEqual(expect.arrayContaining(['ref', 'section']));
      for (const column of presetLedger(code).columns) expect(column.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('matches docs/ledgers.md: every field of every ledger is documented with its title', () => {
    const docs = readFileSync(new URL('../../../../docs/ledgers.md', import.meta.url), 'utf8');
    for (const code of LEDGER_CODES) {
      expect(docs).toContain(`### \`${code}\``);
      for (const column of presetLedger(code).columns)
        expect(docs).toContain(`| \`${column.field}\` | ${column.title} |`);
    }
  });
});

describe('ledgers in a dataset', () => {
  it('accepts the example of docs/ledgers.md', () => {
    const docs = readFileSync(new URL('../../../../docs/ledgers.md', import.meta.url), 'utf8');
    const example = /```yaml\n(ledgers:[\s\S]*?)```/.exec(docs)?.[1] ?? '';
    const dataset = datasetOf(parseText(`${HEAD}${example}`));
    expect(dataset.ledgers.complaints).toEqual([
      {
        ref: '12345-2021-000118',
        section: 'office',
        channel: '12345热线',
        receivedAt: '2021-03-02T09:12:00+08:00',
        category: '物业管理',
        summary: '小区电梯长期停运',
        dueDate: '2021-03-16',
        repliedAt: '2021-03-09T15:00:00+08:00',
        closedAt: '2021-03-12T10:00:00+08:00',
        satisfaction: '满意',
      },
    ]);
    expect(dataset.ledgers.commitments).toEqual([
      {
        ref: 'BSS-2021-01',
        section: 'housing',
        title: '老旧小区加装电梯试点',
        announcedAt: '2021-04-15',
        dueDate: '2021-12-20',
      },
    ]);
  });

  it('reads a date-time without an offset, or a date alone, as Beijing time; leaves unset fields out', () => {
    const dataset = datasetOf(
      parseText(
        withLedgers({
          complaints: [
            { ...COMPLAINT, receivedAt: '2021-03-02 09:12', repliedAt: '2021-03-03', closedAt: '2021-03-04T01:00:00Z' },
          ],
        }),
      ),
    );
    expect(dataset.ledgers.complaints?.[0]).toEqual({
      ...COMPLAINT,
      receivedAt: '2021-03-02T09:12+08:00',
      repliedAt: '2021-03-03T00:00:00+08:00',
      closedAt: '2021-03-04T01:00:00Z',
    });
    expect(dataset.ledgers.commitments).toEqual([]);
  });

  it('lists every ledger, empty, for a file without ledgers', () => {
    expect(datasetOf(parseText(HEAD)).ledgers).toEqual(Object.fromEntries(LEDGER_CODES.map((code) => [code, []])));
    expect(LEDGER_CODES).toEqual([
      'complaints',
      'commitments',
      'supervision',
      'renovations',
      'rent_subsidies',
      'seismic_retrofits',
      'campaign_works',
      'infrastructure',
      'rectification',
      'projects',
      'stalled_projects',
    ]);
  });

  /** [what, ledger, fields over the sound row, the problem's code (undefined: accepted), its field] */
  const rules: [string, string, Fields, string | undefined, string?][] = [
    ['due the day received', 'complaints', { dueDate: '2021-03-02' }, undefined],
    ['due the day before', 'complaints', { dueDate: '2021-03-01' }, 'LEDGER_DATE_ORDER', 'dueDate'],
    // 00:30 in Beijing is still the day before in UTC: the Beijing day counts.
    [
      'due the Beijing day of a UTC time',
      'complaints',
      { receivedAt: '2021-03-01T16:30:00Z', dueDate: '2021-03-02' },
      undefined,
    ],
    [
      'due before the Beijing day',
      'complaints',
      { receivedAt: '2021-03-01T16:30:00Z', dueDate: '2021-03-01' },
      'LEDGER_DATE_ORDER',
      'dueDate',
    ],
    ['replied the same instant, in UTC', 'complaints', { repliedAt: '2021-03-02T01:12:00Z' }, undefined],
    ['replied a minute before', 'complaints', { repliedAt: '2021-03-02T01:11:00Z' }, 'LEDGER_DATE_ORDER', 'repliedAt'],
    [
      'replied with an offset written without colon',
      'complaints',
      { repliedAt: '2021-03-02T09:13:00+0800' },
      undefined,
    ],
    [
      'replied at midnight of the day received',
      'complaints',
      { repliedAt: '2021-03-02' },
      'LEDGER_DATE_ORDER',
      'repliedAt',
    ],
    [
      'received and replied by date alone',
      'complaints',
      { receivedAt: '2021-03-02', repliedAt: '2021-03-02' },
      undefined,
    ],
    [
      'closed before received',
      'complaints',
      { repliedAt: '2021-03-02T10:00', closedAt: '2021-03-01T10:00' },
      'LEDGER_DATE_ORDER',
      'closedAt',
    ],
    ['closed after a reply', 'complaints', { repliedAt: '2021-03-03T10:00', closedAt: '2021-03-04T10:00' }, undefined],
    [
      'closed without a reply',
      'complaints',
      { closedAt: '2021-03-04T10:00' },
      'LEDGER_MISSING_PREREQUISITE',
      'closedAt',
    ],
    [
      'rated once closed',
      'complaints',
      { repliedAt: '2021-03-03', closedAt: '2021-03-04', satisfaction: '不满意' },
      undefined,
    ],
    [
      'rated while open',
      'complaints',
      { repliedAt: '2021-03-03', satisfaction: '满意' },
      'LEDGER_MISSING_PREREQUISITE',
      'satisfaction',
    ],
    ['due the day announced', 'commitments', { dueDate: '2021-04-15' }, undefined],
    ['due before announced', 'commitments', { dueDate: '2021-04-14' }, 'LEDGER_DATE_ORDER', 'dueDate'],
    ['done after announced', 'commitments', { doneAt: '2021-06-30', evidence: '区住建发〔2021〕12号' }, undefined],
    ['done before announced', 'commitments', { doneAt: '2021-04-01' }, 'LEDGER_DATE_ORDER', 'doneAt'],
  ];

  it.each(rules)('%s: the same verdict in a file and for one row', (_, code, fields, problemCode, field) => {
    const row = { ...(code === 'complaints' ? COMPLAINT : COMMITMENT), ...fields };
    const text = withLedgers({ [code]: [row] });
    const single = validateLedgerRow(presetLedger(code), row, { sections: ['office', 'housing'] });
    if (problemCode === undefined) {
      datasetOf(parseText(text));
      expect(single).toEqual([]);
      return;
    }
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: problemCode,
      path: `/ledgers/${code}/0/${field}`,
      line: lineOf(text, '"ref"'),
    });
    expect(single).toEqual([{ file: '', path: `/${field}`, code: problemCode, message: problem.message }]);
  });

  it('words each rule so that a clerk knows what to fix', () => {
    const message = (fields: Fields) =>
      onlyProblem(parseText(withLedgers({ complaints: [{ ...COMPLAINT, ...fields }] }))).message;
    expect(message({ repliedAt: '2021-03-01T15:00:00+08:00' })).toBe(
      '答复时间 2021-03-01T15:00:00+08:00 早于受理时间 2021-03-02T09:12:00+08:00；答复时间不能早于受理时间',
    );
    expect(message({ dueDate: '2021-03-01' })).toBe(
      '办理时限 2021-03-01 早于受理时间 2021-03-02T09:12:00+08:00（按北京时间的日期比较）；办理时限不能早于受理时间',
    );
    expect(message({ repliedAt: '2021-03-02' })).toContain('只写日期的时间按北京时间当天 0 点计');
    expect(message({ closedAt: '2021-03-04T10:00' })).toBe(
      '群众投诉（C-1）填写了 closedAt（办结时间），却没有 repliedAt（答复时间）：没有答复群众的投诉不能办结；请补填答复时间，或删去办结时间',
    );
    expect(message({ satisfaction: '满意' })).toContain('满意度是群众对已办结投诉的评价');
  });

  it('refuses a ref written twice in one ledger, naming the first; the same ref in two ledgers is fine', () => {
    const text = withLedgers({
      complaints: [COMPLAINT, { ...COMPLAINT, summary: '第二次' }],
      commitments: [{ ...COMMITMENT, ref: 'C-1' }],
    });
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'LEDGER_DUPLICATE_REF',
      path: '/ledgers/complaints/1/ref',
      line: lineOf(text, '第二次'),
    });
    expect(problem.message).toBe(
      `群众投诉台账中编号 C-1 重复，第一次出现在 /ledgers/complaints/0/ref（第 ${lineOf(text, '长期停运')} 行）；同一台账中每行的编号不能相同`,
    );
  });

  it('refuses a section not listed, with a suggestion', () => {
    const problem = onlyProblem(parseText(withLedgers({ complaints: [{ ...COMPLAINT, section: 'ofice' }] })));
    expect(problem).toMatchObject({ code: 'DATASET_UNKNOWN_SECTION', path: '/ledgers/complaints/0/section' });
    expect(problem.message).toBe('群众投诉（C-1）的所属股室 ofice 不在 sections 中，是不是想写 office？');
  });

  it('refuses an unknown ledger code, with a suggestion or the ledgers there are', () => {
    const near = onlyProblem(parseText(`${HEAD}ledgers:\n  complaint: []\n`));
    expect(near).toMatchObject({ code: 'LEDGER_UNKNOWN', path: '/ledgers/complaint', line: 8, column: 3 });
    expect(near.message).toBe('没有代码为 complaint 的台账，是不是想写 complaints？');
    const far = onlyProblem(parseText(`${HEAD}ledgers:\n  permits: []\n`));
    expect(far.message).toBe(
      '没有代码为 permits 的台账；已有的台账：complaints（群众投诉台账）、commitments（我为群众办实事台账）、' +
        'supervision（质量安全监督登记台账）、renovations（老旧小区改造台账）、rent_subsidies（廉租住房补贴发放台账）、' +
        'seismic_retrofits（农房抗震改造台账）、campaign_works（七个专项行动台账）、infrastructure（基础设施工程台账）、' +
        'rectification（龙湖项目整改台账）、projects（重点项目台账）、stalled_projects（停工项目复工复产台账）',
    );
  });

  it('checks the shape of each row: required fields, allowed values, date patterns, refs, unknown fields', () => {
    const { channel: _, ...withoutChannel } = COMPLAINT;
    const problems = problemsOf(
      parseText(
        withLedgers({
          complaints: [
            withoutChannel,
            { ...COMPLAINT, ref: ' C-2', channel: '热线电话', dueDate: '2021/3/16', repliedAt: '3月2日', extra: 1 },
          ],
        }),
      ),
    );
    expect(problems.map((p) => [p.path, p.code, p.message])).toEqual([
      ['/ledgers/complaints/0', 'DATASET_SHAPE', '群众投诉（C-1）缺少必填字段 channel（来源渠道）'],
      ['/ledgers/complaints/1/ref', 'DATASET_PATTERN', '投诉编号的首尾不能有空格，中间不能换行，实际为 “ C-2”'],
      [
        '/ledgers/complaints/1/channel',
        'DATASET_ENUM',
        '来源渠道应为以下之一：12345热线、市长信箱、来信、来访、网络、电话、其他；实际为 “热线电话”',
      ],
      ['/ledgers/complaints/1/dueDate', 'DATASET_PATTERN', '办理时限应写成日期（如 2021-11-05），实际为 “2021/3/16”'],
      [
        '/ledgers/complaints/1/repliedAt',
        'DATASET_PATTERN',
        '答复时间应写成日期（如 2021-11-05）或日期时间（如 2021-11-05T09:30:00+08:00），实际为 “3月2日”',
      ],
      ['/ledgers/complaints/1/extra', 'DATASET_SHAPE', expect.stringContaining('群众投诉（ C-2）中有未知字段 extra')],
    ]);
  });

  it('refuses impossible dates and blank texts, and a doubtful date starts no rule of its own', () => {
    const problems = problemsOf(
      parseText(
        withLedgers({
          complaints: [{ ...COMPLAINT, category: '  ', repliedAt: '2021-02-30T10:00', closedAt: '2021-03-05T25:00' }],
        }),
      ),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/ledgers/complaints/0/category', 'DATASET_RANGE'],
      ['/ledgers/complaints/0/repliedAt', 'DATASET_RANGE'],
      ['/ledgers/complaints/0/closedAt', 'DATASET_RANGE'],
    ]);
    expect(problems[1]?.message).toBe('答复时间 2021-02-30T10:00 不是实际存在的日期或时间（请检查月、日、时、分）');
  });
});

describe('one row on its own', () => {
  it('is checked against the sections given, and its paths are pointers into the row', () => {
    expect(
      validateLedgerRow(presetLedger('complaints'), { ...COMPLAINT, section: 'nowhere' }, { sections: ['office'] }),
    ).toEqual([
      {
        file: '',
        path: '/section',
        code: 'DATASET_UNKNOWN_SECTION',
        message: '群众投诉（C-1）的所属股室 nowhere 不在 sections 中；已有的股室编码：office',
      },
    ]);
    expect(validateLedgerRow(presetLedger('complaints'), { ...COMPLAINT, section: 'nowhere' })).toEqual([]);
    const [notObject] = validateLedgerRow(presetLedger('commitments'), 'BSS-1', { file: '--json' });
    expect(notObject).toMatchObject({ file: '--json', path: '', code: 'DATASET_TYPE' });
  });

  it('comes back in the model form when sound', () => {
    expect(checkLedgerRow(presetLedger('complaints'), { ...COMPLAINT, receivedAt: '2021-03-02 09:12' })).toEqual({
      ok: true,
      row: { ...COMPLAINT, receivedAt: '2021-03-02T09:12+08:00' },
      warnings: [],
    });
    expect(checkLedgerRow(presetLedger('commitments'), { ...COMMITMENT, dueDate: '2021-01-01' }).ok).toBe(false);
  });

  it('is read from JSON text keeping nulls, refusing a key written twice and anything but an object', () => {
    expect(parseLedgerInput(presetLedger('complaints'), '{"ref": "C-1", "closedAt": null}', '--json')).toEqual({
      ok: true,
      value: { ref: 'C-1', closedAt: null },
    });
    const twice = parseLedgerInput(presetLedger('complaints'), '{"ref": "C-1",\n "ref": "C-2"}', '--json');
    expect(twice.ok ? [] : twice.problems).toMatchObject([{ code: 'DATASET_DUPLICATE_KEY', path: '/ref', line: 2 }]);
    const syntax = parseLedgerInput(presetLedger('complaints'), '{"ref": "C-1",}', 'row.json');
    expect(syntax.ok ? [] : syntax.problems).toMatchObject([{ code: 'DATASET_SYNTAX', file: 'row.json', line: 1 }]);
    for (const text of ['[1]', '"C-1"', '', 'null']) {
      const read = parseLedgerInput(presetLedger('complaints'), text, '--json');
      expect(read.ok ? [] : read.problems.map((p) => p.code)).toEqual(['LEDGER_INPUT']);
    }
    const yaml = parseLedgerInput(
      presetLedger('commitments'),
      new TextEncoder().encode('ref: BSS-1\ndoneAt: 2021-06-30\n'),
      'a.yaml',
    );
    expect(yaml).toEqual({ ok: true, value: { ref: 'BSS-1', doneAt: '2021-06-30' } });
  });

  it('is changed by laying changes over the stored row: null clears, bookkeeping is dropped, the ref stays', () => {
    const stored = { ...COMPLAINT, ref: 'C-1', section: 'office', dueDate: '2021-03-16', version: 3, id: '7' };
    expect(mergeLedgerChanges(stored, { dueDate: null, summary: '已修好' })).toEqual({
      ok: true,
      value: { ...COMPLAINT, summary: '已修好' },
    });
    expect(mergeLedgerChanges(stored, { ref: 'C-1' }).ok).toBe(true);
    const renamed = mergeLedgerChanges(stored, { ref: 'C-9' });
    expect(renamed.ok ? [] : renamed.problems).toMatchObject([{ code: 'LEDGER_INPUT', path: '/ref' }]);
  });
});

describe('warnings: rows written but flagged', () => {
  const early = { stage: '开工', status: '已完成', plannedAt: '2021-09-30', doneAt: '2021-09-18' };

  it('flag a milestone done before its planned day, on its own and in a dataset, without refusing it', () => {
    const one = checkLedgerRow(presetLedger('projects'), {
      ref: 'XM-1',
      section: 'office',
      name: '龙海路',
      category: '新建',
      plannedYear: 2021,
      milestones: [early],
    });
    expect(one.ok && one.warnings.map((w) => [w.path, w.code])).toEqual([
      ['/milestones/0/doneAt', 'LEDGER_MILESTONE_EARLY'],
    ]);
    const text = `${HEAD}ledgers:
  projects:
    - ref: XM-1
      section: office
      name: 龙海路
      category: 新建
      plannedYear: 2021
      milestones:
        - { stage: 可研, status: 已完成, plannedAt: 2021-03-31, doneAt: 2021-03-31 }
        - { stage: 开工, status: 已完成, plannedAt: 2021-09-30, doneAt: 2021-09-18 }
`;
    const parsed = parseText(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.warnings).toEqual([
      {
        file: 'test.yaml',
        path: '/ledgers/projects/0/milestones/1/doneAt',
        line: lineOf(text, '2021-09-18'),
        column: expect.any(Number),
        code: 'LEDGER_MILESTONE_EARLY',
        message:
          '重点项目（XM-1）的节点“开工”完成日期 2021-09-18 早于计划日期 2021-09-30：已照写，请核实两个日期是否填对',
      },
    ]);
  });

  it('are not raised for a milestone done on or after its day, or not yet done', () => {
    for (const milestone of [
      { ...early, doneAt: '2021-09-30' },
      { ...early, doneAt: '2021-10-02' },
      { stage: '开工', status: '进行中', plannedAt: '2021-09-30' },
      { stage: '开工', status: '已完成', doneAt: '2021-09-18' },
    ]) {
      const checked = checkLedgerRow(presetLedger('projects'), {
        ref: 'XM-1',
        section: 'office',
        name: '龙海路',
        category: '新建',
        plannedYear: 2021,
        milestones: [milestone],
      });
      expect(checked).toMatchObject({ ok: true, warnings: [] });
    }
  });

  it('do not hide problems: a row with both is refused for its problems', () => {
    const checked = checkLedgerRow(presetLedger('projects'), {
      ref: 'XM-1',
      section: 'office',
      name: '龙海路',
      category: '新建',
      plannedYear: 2021,
      milestones: [early, { stage: '可研', status: '已完成' }],
    });
    expect(checked.ok).toBe(false);
  });
});

describe('dates and date-times of ledger rows', () => {
  it('are real or nothing', () => {
    for (const text of [
      '2021-02-29',
      '2021-13-01',
      '2021-04-31',
      '2021-03-02T24:00',
      '2021-03-02T10:60',
      '2021-03-02T10:00+15:00',
    ]) {
      expect(readMoment(text), text).toBeUndefined();
    }
    expect(readMoment('2020-02-29')?.chinaDate).toBe('2020-02-29');
    expect(readMoment('2000-02-29')?.dateOnly).toBe(true);
    expect(readMoment('1900-02-29')).toBeUndefined();
  });

  it('are instants, a bare one in Beijing time, each with its Beijing day', () => {
    const beijing = readMoment('2021-03-02T09:12');
    expect(beijing?.millis).toBe(Date.parse('2021-03-02T01:12:00Z'));
    expect(readMoment('2021-03-02T09:12:00+0800')?.millis).toBe(beijing?.millis);
    expect(readMoment('2021-03-01T16:30:00Z')?.chinaDate).toBe('2021-03-02');
    expect(readMoment('2021-03-02T00:30-05:00')?.chinaDate).toBe('2021-03-02');
    expect(readMoment('2021-03-02')).toEqual({
      millis: Date.parse('2021-03-01T16:00:00Z'),
      chinaDate: '2021-03-02',
      dateOnly: true,
    });
  });
});

/** A sound row of each newer ledger, which each case below changes. */
const SOUND: Readonly<Partial<Record<string, Fields>>> = {
  supervision: {
    ref: 'XF-1',
    section: 'office',
    kind: '消防验收',
    projectName: '龙泉花园',
    buildingArea: '1.25',
    registeredAt: '2021-05-06',
  },
  renovations: {
    ref: 'GZ-1',
    section: 'housing',
    community: '文化巷小区',
    households: 120,
    plannedStart: '2021-03-01',
  },
  rent_subsidies: { ref: 'LZ-1', section: 'housing', households: 14, amount: '3.36', paidAt: '2021-10-11' },
  seismic_retrofits: {
    ref: 'NF-1',
    section: 'office',
    batch: 1,
    township: '龙泉镇',
    households: 60,
    status: '实施中',
  },
  campaign_works: {
    ref: 'QG-1',
    section: 'office',
    type: '旱厕消除',
    quantity: 3,
    location: '文化社区',
    completedAt: '2021-04-02',
  },
  infrastructure: { ref: 'JC-1', section: 'office', type: '游园', name: '九曲文河游园', area: 11200, status: '在建' },
  rectification: { ref: 'LH-1', section: 'office', item: '复耕', quantity: '600.25', unit: '亩', doneAt: '2021-05-20' },
  projects: {
    ref: 'XM-1',
    section: 'office',
    name: '龙海路建设项目',
    category: '新建',
    plannedYear: 2021,
    plannedInvestment: '12500',
    milestones: [
      { stage: '可研', status: '已完成', doneAt: '2021-03-15' },
      { stage: '开工', status: '计划', plannedAt: '2021-12-31' },
    ],
    facts: { merchants: 36 },
  },
  stalled_projects: {
    ref: 'FG-1',
    section: 'office',
    name: '东郡明珠二标段项目',
    resumedAt: '2021-03-15',
  },
};

describe('the rules of the newer ledgers', () => {
  /** [what, ledger, fields over the sound row (undefined removes one), the problem's code (undefined: accepted), its field] */
  const cases: [string, string, Fields, string | undefined, string?][] = [
    // 质量安全监督登记
    [
      'a fire acceptance inspected and given its opinion in order',
      'supervision',
      { acceptedAt: '2021-05-16', opinionIssuedAt: '2021-05-16' },
      undefined,
    ],
    ['inspected the day it was registered', 'supervision', { acceptedAt: '2021-05-06' }, undefined],
    ['inspected before registered', 'supervision', { acceptedAt: '2021-05-05' }, 'LEDGER_DATE_ORDER', 'acceptedAt'],
    [
      'an opinion before the inspection',
      'supervision',
      { acceptedAt: '2021-05-16', opinionIssuedAt: '2021-05-15' },
      'LEDGER_DATE_ORDER',
      'opinionIssuedAt',
    ],
    [
      'an opinion without an inspection',
      'supervision',
      { opinionIssuedAt: '2021-05-18' },
      'LEDGER_MISSING_PREREQUISITE',
      'opinionIssuedAt',
    ],
    [
      'an inspection date on a safety registration',
      'supervision',
      { kind: '安全监督', acceptedAt: '2021-05-16' },
      'LEDGER_STATUS_FIELD',
      'acceptedAt',
    ],
    ['a new start under quality supervision', 'supervision', { kind: '质量监督', newStart: true }, undefined],
    ['not a new start, said so', 'supervision', { kind: '质量监督', newStart: false }, undefined],
    [
      'a new start on a completion filing',
      'supervision',
      { kind: '竣工验收备案', newStart: true },
      'LEDGER_STATUS_FIELD',
      'newStart',
    ],
    ['a negative building area', 'supervision', { buildingArea: -0.5 }, 'DATASET_RANGE', 'buildingArea'],
    ['a negative building area as text', 'supervision', { buildingArea: '-0.50' }, 'DATASET_RANGE', 'buildingArea'],
    ['no building area', 'supervision', { buildingArea: undefined }, undefined],
    // 老旧小区改造
    ['completed after started', 'renovations', { startedAt: '2021-03-20', completedAt: '2021-08-30' }, undefined],
    [
      'completed before started',
      'renovations',
      { startedAt: '2021-03-20', completedAt: '2021-03-19' },
      'LEDGER_DATE_ORDER',
      'completedAt',
    ],
    [
      'completed without a start',
      'renovations',
      { completedAt: '2021-08-30' },
      'LEDGER_MISSING_PREREQUISITE',
      'completedAt',
    ],
    ['negative households', 'renovations', { households: -1 }, 'DATASET_RANGE', 'households'],
    // 廉租住房补贴发放
    ['no households paid, nothing paid', 'rent_subsidies', { households: 0, amount: 0 }, undefined],
    ['a negative amount', 'rent_subsidies', { amount: -3.36 }, 'DATASET_RANGE', 'amount'],
    ['a batch without its day', 'rent_subsidies', { paidAt: undefined }, 'DATASET_SHAPE', ''],
    // 农房抗震改造
    ['done on a day', 'seismic_retrofits', { status: '已完工', completedAt: '2021-07-20' }, undefined],
    ['done without its day', 'seismic_retrofits', { status: '已完工' }, 'LEDGER_STATUS_FIELD', 'status'],
    [
      'a day while still under way',
      'seismic_retrofits',
      { completedAt: '2021-07-20' },
      'LEDGER_STATUS_FIELD',
      'completedAt',
    ],
    [
      'a day while not yet assigned',
      'seismic_retrofits',
      { status: '待下达', completedAt: '2021-07-20' },
      'LEDGER_STATUS_FIELD',
      'completedAt',
    ],
    ['batch zero', 'seismic_retrofits', { batch: 0 }, 'DATASET_RANGE', 'batch'],
    ['listed, not yet assigned', 'seismic_retrofits', { status: '待下达', listedAt: '2021-10-26' }, undefined],
    [
      'done before it was listed',
      'seismic_retrofits',
      { status: '已完工', listedAt: '2021-03-10', completedAt: '2021-03-01' },
      'LEDGER_DATE_ORDER',
      'completedAt',
    ],
    // 七个专项行动
    ['one market upgraded', 'campaign_works', { type: '农贸市场提升改造', quantity: 1 }, undefined],
    ['nothing done', 'campaign_works', { quantity: 0 }, 'DATASET_RANGE', 'quantity'],
    ['an unknown campaign', 'campaign_works', { type: '厕所革命' }, 'DATASET_ENUM', 'type'],
    // 基础设施工程
    [
      'built after started',
      'infrastructure',
      { status: '已建成', startedAt: '2021-03-01', completedAt: '2021-06-01' },
      undefined,
    ],
    [
      'built before started',
      'infrastructure',
      { status: '已建成', startedAt: '2021-03-01', completedAt: '2021-02-28' },
      'LEDGER_DATE_ORDER',
      'completedAt',
    ],
    [
      'built without its day',
      'infrastructure',
      { status: '已建成', startedAt: '2021-03-01' },
      'LEDGER_STATUS_FIELD',
      'status',
    ],
    [
      'a completion day while building',
      'infrastructure',
      { startedAt: '2021-03-01', completedAt: '2021-06-01' },
      'LEDGER_STATUS_FIELD',
      'completedAt',
    ],
    ['a negative area', 'infrastructure', { area: -11200 }, 'DATASET_RANGE', 'area'],
    ['a negative investment', 'infrastructure', { investment: '-86.50' }, 'DATASET_RANGE', 'investment'],
    // 龙湖项目整改
    ['trees in 棵', 'rectification', { item: '移除树木', quantity: 860, unit: '棵' }, undefined],
    ['farmland in 棵', 'rectification', { unit: '棵' }, 'LEDGER_STATUS_FIELD', 'unit'],
    ['a negative quantity', 'rectification', { quantity: -1 }, 'DATASET_RANGE', 'quantity'],
    // 重点项目
    [
      'a progress text with template tags',
      'projects',
      { progressText: "{% if project.done['开工'] %}已开工{% endif %}" },
      undefined,
    ],
    [
      'a progress text whose tag is not closed',
      'projects',
      { progressText: '{% raw %}未闭合' },
      'TEMPLATE_TEXT',
      'progressText',
    ],
    [
      'a progress text with an unknown filter',
      'projects',
      { progressText: '{{ 1 | no_such }}' },
      'TEMPLATE_TEXT',
      'progressText',
    ],
    [
      'a milestone done before its planned day',
      'projects',
      { milestones: [{ stage: '开工', status: '已完成', plannedAt: '2021-09-30', doneAt: '2021-09-18' }] },
      undefined,
    ],
    [
      'a milestone done without its day',
      'projects',
      { milestones: [{ stage: '可研', status: '已完成' }] },
      'LEDGER_STATUS_FIELD',
      'milestones/0/status',
    ],
    [
      'a completion day on a milestone in progress',
      'projects',
      { milestones: [{ stage: '地下室', status: '进行中', doneAt: '2021-07-12' }] },
      'LEDGER_STATUS_FIELD',
      'milestones/0/doneAt',
    ],
    [
      'an impossible milestone date',
      'projects',
      { milestones: [{ stage: '开工', status: '计划', plannedAt: '2021-02-30' }] },
      'DATASET_RANGE',
      'milestones/0/plannedAt',
    ],
    [
      'an unknown stage',
      'projects',
      { milestones: [{ stage: '拆迁', status: '计划' }] },
      'DATASET_ENUM',
      'milestones/0/stage',
    ],
    ['a negative planned investment', 'projects', { plannedInvestment: -1 }, 'DATASET_RANGE', 'plannedInvestment'],
    ['a negative investment to date', 'projects', { investmentToDate: '-0.5' }, 'DATASET_RANGE', 'investmentToDate'],
    ['an unknown category', 'projects', { category: '在建' }, 'DATASET_ENUM', 'category'],
    // 停工项目复工复产
    [
      'progress reported, acceptance planned in order',
      'stalled_projects',
      { progress: 85, progressAt: '2021-10-28', plannedPreAcceptance: '2021-11-30', plannedCompletion: '2021-12-15' },
      undefined,
    ],
    ['all done, as text', 'stalled_projects', { progress: '100.00', progressAt: '2021-03-15' }, undefined],
    ['nothing done yet', 'stalled_projects', { progress: 0, progressAt: '2021-03-15' }, undefined],
    ['completion accepted the day it resumed', 'stalled_projects', { completedAt: '2021-03-15' }, undefined],
    ['over 100', 'stalled_projects', { progress: 100.5, progressAt: '2021-10-28' }, 'DATASET_RANGE', 'progress'],
    [
      'over 100 by a hair, as text',
      'stalled_projects',
      { progress: '100.0000000000000000001', progressAt: '2021-10-28' },
      'DATASET_RANGE',
      'progress',
    ],
    ['a negative share', 'stalled_projects', { progress: -1, progressAt: '2021-10-28' }, 'DATASET_RANGE', 'progress'],
    ['progress without its day', 'stalled_projects', { progress: 85 }, 'LEDGER_MISSING_PREREQUISITE', 'progress'],
    [
      'progress reported before work resumed',
      'stalled_projects',
      { progress: 10, progressAt: '2021-03-14' },
      'LEDGER_DATE_ORDER',
      'progressAt',
    ],
    [
      'completion planned before the pre-acceptance',
      'stalled_projects',
      { plannedPreAcceptance: '2021-11-30', plannedCompletion: '2021-11-29' },
      'LEDGER_DATE_ORDER',
      'plannedCompletion',
    ],
    [
      'accepted before work resumed',
      'stalled_projects',
      { completedAt: '2021-03-01' },
      'LEDGER_DATE_ORDER',
      'completedAt',
    ],
    ['no name', 'stalled_projects', { name: undefined }, 'DATASET_SHAPE', ''],
  ];

  it.each(cases)('%s: the same verdict in a file and for one row', (_, code, fields, problemCode, field) => {
    const row = Object.fromEntries(
      Object.entries({ ...SOUND[code], ...fields }).filter(([, value]) => value !== undefined),
    ) as Fields;
    const text = withLedgers({ [code]: [row] });
    const single = validateLedgerRow(presetLedger(code), row, { sections: ['office', 'housing'] });
    if (problemCode === undefined) {
      datasetOf(parseText(text));
      expect(single).toEqual([]);
      return;
    }
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: problemCode, path: `/ledgers/${code}/0${field === '' ? '' : `/${field}`}` });
    // A number is quoted when it comes as text, as a row typed at the command line does.
    const quoted =
      field !== undefined &&
      typeof row[field] === 'number' &&
      ledgerColumn(presetLedger(code), field)?.type === 'decimal';
    const message = quoted ? problem.message.replace(/实际为 (-[0-9.]+)$/, '实际为 “$1”') : problem.message;
    expect(single).toEqual([{ file: '', path: field === '' ? '' : `/${field}`, code: problemCode, message }]);
  });

  it('words each new rule so that a clerk knows what to fix', () => {
    const message = (code: string, fields: Fields) =>
      onlyProblem(parseText(withLedgers({ [code]: [{ ...SOUND[code], ...fields }] }))).message;
    expect(message('supervision', { opinionIssuedAt: '2021-05-18' })).toBe(
      '受监登记（XF-1）填写了 opinionIssuedAt（意见书出具日期），却没有 acceptedAt（验收日期）：验收意见书只能在验收之后出具；请补填验收日期，或删去意见书出具日期',
    );
    expect(message('supervision', { kind: '安全监督', acceptedAt: '2021-05-16' })).toBe(
      '受监登记（XF-1）的登记类别为“安全监督”，不应填写 acceptedAt（验收日期）：它只用于登记类别为消防验收的行；请删去它，或改正登记类别',
    );
    expect(message('renovations', { completedAt: '2021-08-30' })).toBe(
      '改造小区（GZ-1）填写了 completedAt（完工日期），却没有 startedAt（开工日期）：没有开工的项目不能完工；请补填开工日期，或删去完工日期',
    );
    expect(message('infrastructure', { status: '已建成' })).toBe(
      '基础设施工程（JC-1）的建设状态为“已建成”，必须填写 completedAt（建成日期）；请补填，或改正建设状态',
    );
    expect(message('rectification', { unit: '棵' })).toBe(
      '整改完成事项（LH-1）的整改内容为“复耕”，计量单位应为“亩”，实际为“棵”',
    );
    expect(message('rent_subsidies', { amount: -3.36 })).toBe('发放金额（万元）不能小于 0，实际为 -3.36');
    expect(message('projects', { milestones: [{ stage: '可研', status: '已完成' }] })).toBe(
      '重点项目（XM-1）的节点“可研”状态为“已完成”，必须填写完成日期 doneAt；请补填，或改正节点状态',
    );
    expect(message('projects', { milestones: [{ stage: '地下室', status: '进行中', doneAt: '2021-07-12' }] })).toBe(
      '重点项目（XM-1）的节点“地下室”状态为“进行中”，不应填写完成日期 doneAt：只有已完成的节点有完成日期；请删去它，或把状态改为“已完成”',
    );
    expect(message('projects', { milestones: [{ stage: '开工', status: '计划', plannedAt: '2021-02-30' }] })).toBe(
      '节点“开工”的计划完成日期 2021-02-30 不是实际存在的日期或时间（请检查月、日、时、分）',
    );
    expect(message('projects', { plannedInvestment: -1 })).toBe('计划总投资（万元）不能小于 0，实际为 -1');
    expect(message('stalled_projects', { progress: 85 })).toBe(
      '复工项目（FG-1）填写了 progress（已完成工程量比例（％）），却没有 progressAt（进度填报日期）：工程进度须注明是哪一天填报的；请补填进度填报日期，或删去已完成工程量比例',
    );
    expect(message('stalled_projects', { progress: '120', progressAt: '2021-10-28' })).toBe(
      '已完成工程量比例（％）应为 0 至 100 的数，实际为 120',
    );
    expect(message('stalled_projects', { plannedPreAcceptance: '2021-11-30', plannedCompletion: '2021-11-29' })).toBe(
      '计划竣工验收日期 2021-11-29 早于计划预验收日期 2021-11-30；计划竣工验收日期不能早于计划预验收日期',
    );
    expect(message('infrastructure', { status: '已建成', startedAt: '2021-03-01', completedAt: '2021-02-28' })).toBe(
      '建成日期 2021-02-28 早于开工日期 2021-03-01；建成日期不能早于开工日期',
    );
  });

  it('keeps areas and amounts exactly as written, and every rectification unit the one its item implies', () => {
    const implied = presetLedger('rectification').definition.rules?.find((rule) => rule.rule === 'impliedBy');
    const RECTIFICATION_UNITS = implied?.rule === 'impliedBy' ? implied.implies : {};
    const dataset = datasetOf(
      parseText(
        withLedgers({
          rent_subsidies: [SOUND.rent_subsidies as Fields, { ...SOUND.rent_subsidies, ref: 'LZ-2', amount: 2.1 }],
        }),
      ),
    );
    expect(dataset.ledgers.rent_subsidies?.map((row) => row.amount)).toEqual(['3.36', '2.1']);
    expect(ledgerColumn(presetLedger('supervision'), 'newStart')).toMatchObject({
      type: 'boolean',
      sqlType: 'boolean',
    });
    expect(ledgerColumn(presetLedger('seismic_retrofits'), 'batch')).toMatchObject({
      type: 'integer',
      sqlType: 'integer',
    });
    expect(ledgerColumn(presetLedger('rectification'), 'unit')?.values).toEqual(
      Object.values(RECTIFICATION_UNITS)
        .filter((u, i, all) => all.indexOf(u) === i)
        .sort((a, b) => ['栋', '亩', '米', '棵'].indexOf(a) - ['栋', '亩', '米', '棵'].indexOf(b)),
    );
    expect(Object.keys(RECTIFICATION_UNITS)).toEqual(ledgerColumn(presetLedger('rectification'), 'item')?.values);
  });
});
