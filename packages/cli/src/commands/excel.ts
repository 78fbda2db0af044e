import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  commitLedgerImport,
  DEFAULT_WORKBOOK_LIMITS,
  exportLedgerWorkbook,
  findLedger,
  importRejected,
  type LedgerImportRequest,
  ledgerWorkbookName,
  previewLedgerImport,
  resolveOrganisation,
  UserError,
} from '@taizhang/services';
import { type Command, Option } from 'commander';
import { cliRefusal } from '../cli-refusals.js';
import { importPreviewText } from '../format/import-preview.js';
import { integerIn } from '../options.js';
import type { LedgerShell } from './ledger.js';

/** The Excel commands need of the shell what the ledger commands do. */
type ExcelShell = LedgerShell;

interface DataOptions {
  data: string;
  org?: string;
}

interface ExportOptions extends DataOptions {
  format: 'xlsx';
  out?: string;
  section?: string;
  search?: string;
  template?: boolean;
}

interface ImportOptions extends DataOptions {
  dryRun?: boolean;
  ledger?: string;
  sheet?: string;
  map: string[];
  maxRows?: number;
}

/** `--map 投诉类别=问题类别`, given once per header. */
function mappingOf(given: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of given) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw cliRefusal('IMPORT_MAPPING', { given: pair });
    mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return mapping;
}

/**
 * Writes through a file beside the target, renamed over it once whole: a failed or killed
 * export never leaves half a workbook under the name asked for.
 */
async function writeAtomically(file: string, write: (out: Writable) => Promise<number>): Promise<number> {
  const partial = `${file}.${process.pid}.part`;
  const out = createWriteStream(partial);
  try {
    await mkdir(dirname(file), { recursive: true });
    // exceljs ends the stream when the workbook is committed; the file is whole once it closes
    const [written] = await Promise.all([write(out), finished(out)]);
    await rename(partial, file);
    return written;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    if (error instanceof UserError) throw error;
    throw cliRefusal('OUTPUT_UNWRITABLE', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

/** `taizhang export <ledger>` and `taizhang import <file>`: ledgers as Excel workbooks (docs/excel.md). */
export function addExcelCommands(program: Command, shell: ExcelShell): void {
  shell
    .addDataOptions(program.command('export'))
    .description(
      '将台账导出为 Excel 工作簿（.xlsx）：中文列标题、真实的日期和数字、下拉选项；可按股室或文字筛选，或只导出导入模板',
    )
    .argument('<ledger>', '台账代码，如 complaints（taizhang ledger list 的台账）')
    .addOption(new Option('--format <format>', '文件格式').choices(['xlsx']).default('xlsx'))
    .option('--out <file>', '输出文件（默认为当前目录下以台账名称命名的 .xlsx 文件）')
    .option('--section <code>', '只导出此股室的记录')
    .option('--search <text>', '只导出编号或文字字段中含有此文字的记录')
    .option('--template', '只导出空白导入模板（含填写说明）')
    .action(async (code: string, options: ExportOptions) => {
      await shell.withDatabase(options, async (db) => {
        const org = await resolveOrganisation(db, options.org);
        const ledger = await findLedger(db, org.id, code);
        const file = options.out ?? ledgerWorkbookName(ledger, options.template === true);
        const rows = await writeAtomically(file, (out) =>
          exportLedgerWorkbook(db, org, ledger, out, {
            section: options.section,
            search: options.search,
            template: options.template,
          }),
        );
        shell.io.out(`${file}\n`);
        shell.io.err(options.template ? `已导出${ledger.label}的导入模板\n` : `已导出${ledger.label} ${rows} 条记录\n`);
      });
    });

  shell
    .addDataOptions(program.command('import'))
    .description(
      '从 Excel 工作簿（.xlsx）导入台账记录：按编号新增或更新，表中没有的记录保持不变；先列出将新增、更新的行和全部问题，全部通过才一次性写入并记入审计日志',
    )
    .argument('<file>', '要导入的 .xlsx 文件')
    .option('--dry-run', '只预览，不写入数据库')
    .option('--ledger <code>', '导入到此台账（默认按工作表名称识别，如“群众投诉台账”）')
    .option('--sheet <name>', '读取此工作表（默认为以台账名称命名的工作表）')
    .option(
      '--map <header=title>',
      '文件中的列标题与台账列标题不同时，指明其对应关系，如 --map 投诉类别=问题类别；可多次使用',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option(
      '--max-rows <n>',
      `一个工作表最多读取的数据行数（默认 ${DEFAULT_WORKBOOK_LIMITS.maxRows}）`,
      integerIn(1, 10_000_000, '行数'),
    )
    .action(async (file: string, options: ImportOptions) => {
      const mapping = mappingOf(options.map);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw cliRefusal('IMPORT_FILE_UNREADABLE', {
          file,
          reason: (error as NodeJS.ErrnoException).code ?? String(error),
        });
      }
      await shell.withDatabase(options, async (db) => {
        const org = await resolveOrganisation(db, options.org);
        const request: LedgerImportRequest = {
          bytes,
          file: basename(file),
          ledger: options.ledger,
          sheet: options.sheet,
          mapping,
          limits: options.maxRows === undefined ? {} : { maxRows: options.maxRows },
        };
        const preview = await previewLedgerImport(db, org, request);
        shell.io.out(importPreviewText(preview));
        if (preview.plan.problems.length > 0) throw importRejected(preview);
        if (options.dryRun) {
          shell.io.err('预览完毕，未写入数据库（去掉 --dry-run 即导入）\n');
          return;
        }
        const result = await commitLedgerImport(
          db,
          org,
          { ...request, fingerprint: preview.fingerprint },
          shell.actor(),
        );
        const { inserted, updated, unchanged } = result.counts;
        shell.io.err(`已导入${result.ledger.label}：新增 ${inserted} 行，更新 ${updated} 行，未变 ${unchanged} 行\n`);
      });
    });
}
