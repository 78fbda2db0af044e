import { LEDGER_CODES, type LedgerDef, presetLedger } from '@taizhang/core';
import type { Database, OrganisationRow } from '@taizhang/db';
import {
  addLedgerRow,
  DEFAULT_LEDGER_LIMIT,
  findLedger,
  type LedgerInput,
  LedgerVersionConflict,
  listLedger,
  readLedgerInputFile,
  resolveOrganisation,
  showLedgerRow,
  updateLedger,
} from '@taizhang/services';
import type { Command } from 'commander';
import { cliRefusal } from '../cli-refusals.js';
import { warningsText } from '../format/warnings.js';
import type { Io } from '../io.js';
import { integerIn } from '../options.js';

/** What the ledger commands need of the shell around them. */
export interface LedgerShell {
  io: Io;
  /** who the audit trail names */
  actor(): string;
  /** --data and --org */
  addDataOptions(command: Command): Command;
  withDatabase<T>(options: DataOptions, work: (db: Database) => Promise<T>): Promise<T>;
}

interface DataOptions {
  data: string;
  org?: string;
}

interface ListOptions extends DataOptions {
  section?: string;
  search?: string;
  limit?: number;
  offset?: number;
  orderBy?: string;
}

interface InputOptions extends DataOptions {
  json?: string;
  file?: string;
}

interface UpdateOptions extends InputOptions {
  version?: number;
}

const STDIN = '标准输入';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const LEDGER_ARGUMENT = `台账代码：${LEDGER_CODES.map((code) => `${code}（${presetLedger(code).label}）`).join('、')}，以及本单位在台账设置中定义的台账`;

/** `taizhang ledger list|show|add|update`: one ledger row at a time, as JSON. */
export function addLedgerCommand(program: Command, shell: LedgerShell): void {
  const ledger = program
    .command('ledger')
    .description('台账（群众投诉、我为群众办实事等）：查看、新增、修改单条记录，以 JSON 输入输出')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个子命令的帮助');

  /** Runs `work` with the organisation and its ledger `code` names (refused when it has none). */
  const withLedger = <T>(
    code: string,
    options: DataOptions,
    work: (db: Database, org: OrganisationRow, ledger: LedgerDef) => Promise<T>,
  ) =>
    shell.withDatabase(options, async (db) => {
      const org = await resolveOrganisation(db, options.org);
      return work(db, org, await findLedger(db, org.id, code));
    });

  shell
    .addDataOptions(ledger.command('list'))
    .description('列出台账记录（JSON 数组），默认按录入顺序')
    .argument('<ledger>', LEDGER_ARGUMENT)
    .option('--section <code>', '只列出此股室的记录')
    .option('--search <text>', '只列出编号或文字字段中含有此文字的记录（不区分大小写）')
    .option('--limit <n>', `最多列出的条数（默认 ${DEFAULT_LEDGER_LIMIT}）`, integerIn(1, 10_000, '条数'))
    .option('--offset <n>', '跳过前面的条数（分页）', integerIn(0, 1_000_000_000, '跳过的条数'))
    .option('--order-by <field>', '按此字段排序，如 receivedAt；字段前加 - 为倒序，如 -receivedAt')
    .action(async (code: string, options: ListOptions) => {
      await withLedger(code, options, async (db, org, ledgerDef) => {
        const rows = await listLedger(db, org, ledgerDef, {
          section: options.section,
          search: options.search,
          limit: options.limit,
          offset: options.offset,
          orderBy: options.orderBy,
        });
        shell.io.out(json(rows));
      });
    });

  shell
    .addDataOptions(ledger.command('show'))
    .description('显示一条台账记录（JSON 对象），含版本号、录入人和最后修改人')
    .argument('<ledger>', LEDGER_ARGUMENT)
    .argument('<ref>', '记录编号')
    .action(async (code: string, ref: string, options: DataOptions) => {
      await withLedger(code, options, async (db, org, ledgerDef) => {
        shell.io.out(json(await showLedgerRow(db, org, ledgerDef, ref)));
      });
    });

  addInputOptions(shell.addDataOptions(ledger.command('add')))
    .description('新增一条台账记录：校验通过才写入（与载入数据集的规则相同），并记入审计日志')
    .argument('<ledger>', LEDGER_ARGUMENT)
    .argument('[stdin]', '写 - 表示从标准输入读取 JSON')
    .action(async (code: string, stdin: string | undefined, options: InputOptions) => {
      const input = await readInput(shell.io, options, stdin);
      await withLedger(code, options, async (db, org, ledgerDef) => {
        const { row, warnings } = await addLedgerRow(db, org, ledgerDef, input, shell.actor());
        shell.io.out(json(row));
        shell.io.err(`已新增${ledgerDef.rowTitle} ${row.ref}（第 ${row.version} 版）\n`);
        shell.io.err(warningsText(warnings));
      });
    });

  addInputOptions(shell.addDataOptions(ledger.command('update')))
    .description(
      '修改一条台账记录：给出要改的字段（null 表示清空），与当前内容合并、校验后写入；只有当前版本仍为 --version 时才写入',
    )
    .argument('<ledger>', LEDGER_ARGUMENT)
    .argument('<ref>', '记录编号')
    .argument('[stdin]', '写 - 表示从标准输入读取 JSON')
    .option('--version <n>', '所依据的版本号（ledger show 显示的 version）', integerIn(1, 2_147_483_647, '版本号'))
    .action(async (code: string, ref: string, stdin: string | undefined, options: UpdateOptions) => {
      const { version } = options;
      if (version === undefined) {
        // Without it a change could silently overwrite someone else's: it is never guessed.
        throw cliRefusal('LEDGER_VERSION_MISSING', { ledger: code, ref });
      }
      const input = await readInput(shell.io, options, stdin);
      await withLedger(code, options, async (db, org, ledgerDef) => {
        try {
          const { row, warnings } = await updateLedger(db, org, ledgerDef, ref, version, input, shell.actor());
          shell.io.out(json(row));
          shell.io.err(
            row.version === version
              ? `${ledgerDef.rowTitle} ${row.ref} 没有变化（仍为第 ${row.version} 版）\n`
              : `已修改${ledgerDef.rowTitle} ${row.ref}（第 ${row.version} 版）\n`,
          );
          shell.io.err(warningsText(warnings));
        } catch (error) {
          // The row as it now is, for the user to base the change on.
          if (error instanceof LedgerVersionConflict) shell.io.out(json(error.current));
          throw error;
        }
      });
    });

  for (const command of ledger.commands) {
    command.helpOption('-h, --help', '显示帮助').showHelpAfterError('（用 --help 查看用法）');
  }
}

function addInputOptions(command: Command): Command {
  return command
    .option('--json <text>', '记录内容，一个 JSON 对象，如 \'{"ref": "12345-2021-000118", …}\'')
    .option('--file <file>', '从此文件读取记录内容（JSON，或 .yaml 文件中的 YAML）；- 表示标准输入');
}

/** The row given by exactly one of --json, --file and `-` (standard input). */
async function readInput(io: Io, options: InputOptions, stdin: string | undefined): Promise<LedgerInput> {
  if (stdin !== undefined && stdin !== '-') {
    throw cliRefusal('LEDGER_INPUT_SOURCE', { problem: 'extra', argument: stdin });
  }
  const given = [options.json !== undefined, options.file !== undefined, stdin !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw cliRefusal('LEDGER_INPUT_SOURCE', { problem: given === 0 ? 'none' : 'several' });
  }
  if (options.json !== undefined) return { text: options.json, source: '--json' };
  if (options.file !== undefined && options.file !== '-') return readLedgerInputFile(options.file);
  if (io.readIn === undefined) throw cliRefusal('LEDGER_INPUT_SOURCE', { problem: 'no-stdin' });
  return { text: await io.readIn(), source: STDIN };
}
