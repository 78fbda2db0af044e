import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantsFor, type LedgerTypeDefinition, type Role } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import type { Caller } from './accounts/caller.js';
import { auditPage } from './audit.js';
import { loadedDataset } from './dataset-fixture.test-helpers.js';
import { findLedger, ledgerCatalogue } from './ledger-catalogue.js';
import { changeLedgerRow, createLedgerRow } from './ledger-entry.js';
import { changeLedgerType, createLedgerType, ledgerTypeList } from './ledger-types.js';
import { DatasetRejected, loadDatasetFile } from './load-dataset.js';
import { refusal } from './refusal.test-helpers.js';

const DATASET = `format: taizhang-dataset/1
organisation: { code: types-district, name: 类型区住房和城乡建设局 }
sections:
  - { code: office, name: 办公室 }
  - { code: traffic, name: 市政交通股 }
  - { code: housing, name: 住房保障股 }
indicators:
  - { code: lots_built, name: 建成停车场, unit: 个, section: traffic, kind: flow, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: parking, aggregate: count, date: completedAt, where: { status: 已建成 } } }
templates:
  - { code: summary, name: 年度工作总结, text: "停车场按状态：{{ 'parking' | top: 'status' }}" }
ledgerTypes:
  - code: parking
    name: 公共停车场台账
    rowTitle: 停车场
    section: traffic
    fields:
      - { code: lotName, title: 停车场名称, type: text, required: true }
      - { code: spaces, title: 泊位数, type: integer, unit: 个, min: 0 }
      - { code: status, title: 建设状态, type: choice, values: [在建, 已建成, 停用], required: true }
      - { code: completedAt, title: 建成日期, type: date }
      - { code: operator, title: 管理单位, type: text }
ledgers:
  parking:
    - { ref: TCC-1, section: traffic, lotName: 人民公园停车场, spaces: 320, status: 已建成, completedAt: 2022-03-20 }
    - { ref: TCC-2, section: traffic, lotName: 火车站停车场, spaces: 80, status: 在建 }
`;

const GAS: LedgerTypeDefinition = {
  code: 'gas_safety',
  name: '燃气安全专项整治台账',
  rowTitle: '隐患',
  section: 'housing',
  numbering: 'RQ-{year}-{seq:3}',
  fields: [
    { code: 'address', title: '隐患地址', type: 'text', required: true },
    { code: 'found', title: '发现日期', type: 'date', required: true },
    { code: 'fixed', title: '整改完成日期', type: 'date' },
  ],
  rules: [{ rule: 'notBefore', field: 'fixed', earlier: 'found' }],
};

describe.each(testEngines())('台账设置: ledger types kept and changed, on $name', (engine) => {
  const fixture = loadedDataset(engine, DATASET, 'types-district');
  const as = (role: Role, section: string | null = null): Caller => ({
    orgId: fixture.org.id,
    user: {
      id: '1',
      username: role === 'clerk' ? `clerk-${section}` : role,
      displayName: '测试',
      role,
      org: { code: 'types-district', name: '类型区住房和城乡建设局' },
      section: section === null ? null : { code: section, name: section },
      grants: grantsFor({ role, section }),
    },
    address: '192.0.2.30',
  });
  const parkingNow = async () => {
    const found = (await ledgerTypeList(fixture.db, fixture.org.id)).find((t) => t.code === 'parking');
    if (found === undefined) throw new Error('parking is not listed');
    return found;
  };
  const parkingDef = async () => (await parkingNow()).definition as unknown as LedgerTypeDefinition;

  it('lists the preset read-only and the dataset’s own type with its rows and version', async () => {
    const list = await ledgerTypeList(fixture.db, fixture.org.id);
    expect(list.filter((t) => t.builtIn).map((t) => t.version)).toEqual(Array(11).fill(1));
    expect(await parkingNow()).toMatchObject({ name: '公共停车场台账', builtIn: false, version: 1, rows: 2 });
  });

  it('creates a type with its table at once: its rows are written and listed under its code', async () => {
    const created = await createLedgerType(fixture.db, as('office'), GAS);
    expect(created).toMatchObject({ code: 'gas_safety', version: 1, rows: 0, updatedBy: 'office' });
    const catalogue = await ledgerCatalogue(fixture.db, fixture.org.id);
    expect(catalogue.find((l) => l.code === 'gas_safety')).toMatchObject({
      section: 'housing',
      numbering: 'RQ-{year}-{seq:3}',
    });
    const ledger = await findLedger(fixture.db, fixture.org.id, 'gas_safety');
    const row = await createLedgerRow(
      fixture.db,
      as('clerk', 'housing'),
      fixture.org,
      ledger,
      { fields: { address: '幸福路12号', found: '2022-05-01' } },
      'housing',
    );
    expect(row.ref).toMatch(/^RQ-\d{4}-001$/);
    expect(row.section.code).toBe('housing');
  });

  it('refuses a code in use, the preset’s or its own, and a definition that cannot work, naming each', async () => {
    const taken = await refusal(createLedgerType(fixture.db, as('office'), { ...GAS, code: 'parking' }));
    expect(taken).toMatchObject({ kind: 'invalid', code: 'LEDGER_TYPE_INVALID' });
    expect(taken.problems).toEqual([
      expect.objectContaining({ field: 'code', message: expect.stringContaining('已被本单位的“公共停车场台账”使用') }),
    ]);
    const preset = await refusal(createLedgerType(fixture.db, as('office'), { ...GAS, code: 'complaints' }));
    expect(preset.problems[0]?.message).toContain('已是内置台账“群众投诉台账”的代码');
    const broken = await refusal(
      createLedgerType(fixture.db, as('office'), {
        ...GAS,
        code: 'broken',
        rules: [{ rule: 'notBefore', field: 'fixed', earlier: 'foundAt' }],
      }),
    );
    expect(broken.problems).toEqual([
      expect.objectContaining({ path: '/rules/0/earlier', message: expect.stringContaining('foundAt 不存在') }),
    ]);
    const list = await ledgerTypeList(fixture.db, fixture.org.id);
    expect(list.map((t) => t.code)).not.toContain('broken');
  });

  it('renames a title, adds a field and reorders, each a new version in the audit trail', async () => {
    const before = await parkingNow();
    const definition = await parkingDef();
    const [lotName, spaces, ...rest] = definition.fields;
    const changed = await changeLedgerType(fixture.db, as('office'), 'parking', {
      version: before.version,
      definition: {
        ...definition,
        fields: [
          { ...(spaces as LedgerTypeDefinition['fields'][number]), title: '停车泊位数' },
          lotName,
          ...rest,
          { code: 'charging', title: '充电桩数', type: 'integer', min: 0 },
        ],
      },
    });
    expect(changed.version).toBe(before.version + 1);
    const ledger = await findLedger(fixture.db, fixture.org.id, 'parking');
    expect(ledger.columns.map((c) => [c.field, c.title])).toEqual([
      ['spaces', '停车泊位数'],
      ['lotName', '停车场名称'],
      ['status', '建设状态'],
      ['completedAt', '建成日期'],
      ['operator', '管理单位'],
      ['charging', '充电桩数'],
    ]);
    const audit = await auditPage(fixture.db, fixture.org.id, { table: 'ledger_types', offset: 0, limit: 50 });
    expect(audit.rows.some((r) => r.action === 'update' && r.actor === 'office' && r.tableName === '台账类型')).toBe(
      true,
    );
  });

  it('refuses a field removed or retyped and a change the kept rows break, naming the rows', async () => {
    const { version } = await parkingNow();
    const definition = await parkingDef();
    const removed = await refusal(
      changeLedgerType(fixture.db, as('office'), 'parking', {
        version,
        definition: { ...definition, fields: definition.fields.filter((f) => f.code !== 'operator') },
      }),
    );
    expect(removed.problems[0]?.message).toContain('operator（管理单位） 不能删除');
    const retyped = await refusal(
      changeLedgerType(fixture.db, as('office'), 'parking', {
        version,
        definition: {
          ...definition,
          fields: definition.fields.map((f) => (f.code === 'spaces' ? { ...f, type: 'decimal' as const } : f)),
        },
      }),
    );
    expect(retyped.problems[0]?.message).toContain('不能从 integer 类型改为 decimal 类型');
    // TCC-2 is still 在建: the value cannot go while a row holds it.
    const dropped = await refusal(
      changeLedgerType(fixture.db, as('office'), 'parking', {
        version,
        definition: {
          ...definition,
          fields: definition.fields.map((f) => (f.code === 'status' ? { ...f, values: ['已建成', '停用'] } : f)),
        },
      }),
    );
    expect(dropped.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('“公共停车场台账”按修改后的定义，已有记录 TCC-2 将不合规'),
    ]);
    expect((await parkingNow()).version).toBe(version);
  });

  it('refuses retiring a field a derived indicator or a template reads, naming them; retires another', async () => {
    const { version } = await parkingNow();
    const definition = await parkingDef();
    const retire = (code: string) => definition.fields.map((f) => (f.code === code ? { ...f, retired: true } : f));
    const used = await refusal(
      changeLedgerType(fixture.db, as('office'), 'parking', {
        version,
        definition: { ...definition, fields: retire('status') },
      }),
    );
    expect(used.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('字段“建设状态”将被停用，但派生指标“建成停车场”（lots_built）要用它'),
      expect.stringContaining('字段“建设状态”将被停用，但报告模板“年度工作总结”要用它'),
    ]);
    const retired = await changeLedgerType(fixture.db, as('office'), 'parking', {
      version,
      definition: { ...definition, fields: retire('operator') },
    });
    expect(retired.version).toBe(version + 1);
    const info = (await ledgerCatalogue(fixture.db, fixture.org.id)).find((l) => l.code === 'parking');
    expect(info?.fields.find((f) => f.name === 'operator')).toMatchObject({ retired: true });
  });

  it('refuses a change based on a version changed since, with the type as it is now', async () => {
    const now = await parkingNow();
    const stale = await refusal(
      changeLedgerType(fixture.db, as('office'), 'parking', {
        version: now.version - 1,
        definition: { ...(await parkingDef()), name: '停车场台账' },
      }),
    );
    expect(stale).toMatchObject({ kind: 'conflict', code: 'LEDGER_TYPE_STALE_VERSION' });
    expect(stale.current).toMatchObject({ code: 'parking', version: now.version });
  });

  it('refuses a dataset that drops a field of a stored type, as the file’s problem, writing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'taizhang-types-'));
    try {
      const file = join(dir, 'again.yaml');
      await writeFile(file, DATASET.replace(/^ {6}- \{ code: operator.*$\n/m, ''));
      const before = await parkingNow();
      const error = await loadDatasetFile(fixture.db, file, '载入员').then(
        () => expect.fail('the load should have been refused'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatasetRejected);
      // The file also lacks 充电桩数, added in 台账设置 since: both are kept, both named.
      expect((error as DatasetRejected).problems.map((p) => [p.path, p.code, p.message])).toEqual([
        ['/ledgerTypes/0/fields', 'LEDGER_TYPE_CHANGE', expect.stringContaining('operator（管理单位） 不能删除')],
        ['/ledgerTypes/0/fields', 'LEDGER_TYPE_CHANGE', expect.stringContaining('charging（充电桩数） 不能删除')],
      ]);
      expect(await parkingNow()).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a built-in ledger’s change and an unknown code', async () => {
    const builtIn = await refusal(
      changeLedgerType(fixture.db, as('office'), 'complaints', { version: 1, definition: GAS }),
    );
    expect(builtIn).toMatchObject({ kind: 'forbidden', code: 'LEDGER_TYPE_BUILT_IN' });
    const missing = await refusal(
      changeLedgerType(fixture.db, as('office'), 'nothing', { version: 1, definition: GAS }),
    );
    expect(missing).toMatchObject({ kind: 'not-found', code: 'LEDGER_TYPE_MISSING' });
  });

  it('lets only the owning section’s clerks and the office write an owned type; a retired field is not written', async () => {
    const ledger = await findLedger(fixture.db, fixture.org.id, 'parking');
    const other = await refusal(
      createLedgerRow(
        fixture.db,
        as('clerk', 'housing'),
        fixture.org,
        ledger,
        { fields: { ref: 'TCC-9', lotName: '越权', status: '在建' } },
        'housing',
      ),
    );
    expect(other).toMatchObject({ kind: 'forbidden', code: 'LEDGER_OWNED_ELSEWHERE' });
    expect(other.message).toBe('公共停车场台账由市政交通股维护，其他股室不能新增或修改其中的记录');
    const byOffice = await createLedgerRow(
      fixture.db,
      as('office'),
      fixture.org,
      ledger,
      { fields: { ref: 'TCC-3', lotName: '体育馆停车场', status: '在建' } },
      null,
    );
    expect(byOffice.section.code).toBe('traffic');
    const retired = await refusal(
      changeLedgerRow(
        fixture.db,
        as('clerk', 'traffic'),
        fixture.org,
        ledger,
        'TCC-3',
        { version: 1, changes: { operator: '城投公司' } },
        'traffic',
      ),
    );
    expect(retired.problems[0]?.message).toContain('已停用');
  });
});
