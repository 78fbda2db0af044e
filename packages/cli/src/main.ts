import { userInfo } from 'node:os';
import { periodLabel, YEAR_MAX, YEAR_MIN } from '@taizhang/core';
import { type Database, DataDirInUseError, migrateUrl, openDatabase, serverUrl } from '@taizhang/db';
import {
  assertComplete,
  checkCompleteness,
  choosePeriod,
  evaluateIndicators,
  generateReport,
  type LoadSummary,
  loadDatasetFile,
  recreateDemo,
  resolveOrganisation,
  UserError,
} from '@taizhang/services';
import { Command, CommanderError, Option } from 'commander';
import { databaseUnavailable, dataDirInUse } from './cli-refusals.js';
import { addAuditCommand } from './commands/audit.js';
import { completenessReport } from './commands/check.js';
import { addExcelCommands } from './commands/excel.js';
import { indicatorTable } from './commands/indicators.js';
import { addLedgerCommand } from './commands/ledger.js';
import { defaultOutput, REPORT_FORMATS, type ReportFormat, renderFormat, writeOutput } from './commands/report.js';
import { addServeCommand } from './commands/serve.js';
import { evaluationJson } from './format/json.js';
import { warningsText } from './format/warnings.js';
import { cliHint } from './hints.js';
import { type Io, processIo } from './io.js';
import { integerIn } from './options.js';

/** Exit codes: 0 done; 1 the check found gaps; 2 bad input or usage; 70 an internal error. */
export const EXIT = { ok: 0, incomplete: 1, userError: 2, internal: 70 } as const;

interface DataOptions {
  data: string;
  org?: string;
}

interface ReportCliOptions extends PeriodOptions {
  format: ReportFormat | 'all';
  out?: string;
  strict?: boolean;
  template?: string;
  templateFile?: string;
  date?: string;
}

interface PeriodOptions extends DataOptions {
  year?: number;
  through?: number;
  json?: boolean;
}

/**
 * Who the audit trail names for changes made from this shell: the operating-system user, as
 * `cli:<login>`. Never an account's name: the colon cannot occur in a user name, and no
 * environment variable can change it, so the command line cannot sign a change as someone
 * who signs in to the web app.
 */
function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // No passwd entry for the process's uid (a container): the uid itself.
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

async function withDatabase<T>(
  options: DataOptions,
  io: Io,
  env: NodeJS.ProcessEnv,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const url = serverUrl({}, env);
  let db: Database;
  try {
    // The data directory is locked first; a stale lock left by a killed process is cleared, with a note.
    db = await openDatabase({
      dataDir: options.data,
      url,
      migrateUrl: migrateUrl({}, env),
      lock: { onStaleCleared: (note) => io.err(`${note}\n`) },
    });
  } catch (error) {
    // Another process (the server, most often) has the directory: its message names it and what to do.
    if (error instanceof DataDirInUseError) throw dataDirInUse(error);
    throw databaseUnavailable(error, options.data, url);
  }
  try {
    return await work(db);
  } finally {
    await db.close().catch((error: unknown) => io.err(`关闭数据库时出错：${String(error)}\n`));
  }
}

function loadSummaryText(summary: LoadSummary): string {
  const line = (label: string, c: { inserted: number; updated: number; unchanged: number }) =>
    `  ${label}：新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}`;
  const { counts } = summary;
  return [
    `已载入 ${summary.organisation.name}（${summary.organisation.code}）：`,
    line('股室', counts.sections),
    line('指标', counts.indicators),
    line('目标', counts.targets),
    line('数值', counts.values),
    line('叙述', counts.narratives),
    line('模板', counts.templates),
    // A ledger the file has no rows of is not worth a line.
    ...(counts.ledgerTypes.inserted + counts.ledgerTypes.updated + counts.ledgerTypes.unchanged > 0
      ? [line('台账类型', counts.ledgerTypes)]
      : []),
    ...Object.entries(counts.ledgers).flatMap(([code, c]) =>
      c.inserted + c.updated + c.unchanged > 0 ? [line(summary.ledgerNames[code] ?? code, c)] : [],
    ),
  ].join('\n');
}

function addDataOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--data <dir>',
        '嵌入式数据库（PGlite）的数据目录；设置了 DATABASE_URL 时改用该 PostgreSQL 服务器',
      ).default('./data'),
    )
    .option('--org <code>', '单位代码（数据库中只有一个区县单位时可省略）');
}

function addPeriodOptions(command: Command): Command {
  return addDataOptions(command)
    .option('--year <year>', '年份（省略时取数据中最新的年份）', integerIn(YEAR_MIN, YEAR_MAX, '年份'))
    .option('--through <month>', '截至月份 1－12（省略时取数据中最新的月份）', integerIn(1, 12, '截至月份'));
}

export function buildProgram(io: Io, env: NodeJS.ProcessEnv, setExit: (code: number) => void): Command {
  const program = new Command('taizhang')
    .description('台账：住建局指标台账与工作总结')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .showHelpAfterError('（用 --help 查看用法）')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  addDataOptions(program.command('demo'))
    .description('（重新）创建示范区演示数据：删除并重新载入示范区单位，其他单位不受影响')
    .action(async (options: DataOptions) => {
      await withDatabase(options, io, env, async (db) => {
        const summary = await recreateDemo(db, actor());
        io.out(`${loadSummaryText(summary)}\n数据位置：${db.location}\n`);
      });
    });

  addDataOptions(program.command('load'))
    .description(
      '校验并载入数据集文件（YAML 或 JSON）：全部通过才写入，任何问题都不改动数据库；重复载入不会产生重复数据',
    )
    .argument('<file>', '数据集文件')
    .action(async (file: string, options: DataOptions) => {
      await withDatabase(options, io, env, async (db) => {
        const report = await loadDatasetFile(db, file, actor());
        io.out(`${loadSummaryText(report)}\n`);
        io.err(warningsText(report.warnings));
      });
    });

  addPeriodOptions(program.command('check'))
    .description('检查某期数据是否齐全，列出缺报的指标、期间和负责股室；齐全时退出码为 0，否则为 1')
    .option('--json', '以 JSON 输出')
    .option('--template <code>', '检查此代码的报告模板还缺哪些数据（默认 work-summary，或唯一的一个）')
    .action(async (options: PeriodOptions & { json?: boolean; template?: string }) => {
      await withDatabase(options, io, env, async (db) => {
        const org = await resolveOrganisation(db, options.org);
        const period = await choosePeriod(db, org.id, options);
        const result = await checkCompleteness(db, org, period, options.template);
        io.out(
          options.json
            ? `${JSON.stringify({ organisation: org.code, ...result }, null, 2)}\n`
            : `${completenessReport(org.name, result)}\n`,
        );
        const complete = result.gaps.length === 0 && (result.report?.length ?? 0) === 0;
        setExit(complete ? EXIT.ok : EXIT.incomplete);
      });
    });

  addPeriodOptions(program.command('indicators'))
    .description('列出各指标某期的累计、目标、完成率、同比、超目标百分点、时序进度、预计全年和预警状态')
    .option('--json', '以 JSON 输出（数值不舍入）')
    .action(async (options: PeriodOptions) => {
      await withDatabase(options, io, env, async (db) => {
        const org = await resolveOrganisation(db, options.org);
        const period = await choosePeriod(db, org.id, options);
        const figures = await evaluateIndicators(db, org.id, period);
        if (options.json) {
          const indicators = figures.map((f) => evaluationJson(f.evaluation, f.sectionName));
          io.out(`${JSON.stringify({ organisation: org.code, ...period, indicators }, null, 2)}\n`);
        } else {
          io.out(`${org.name} ${periodLabel(period)} 主要指标\n\n${indicatorTable(figures)}\n`);
        }
      });
    });

  addPeriodOptions(program.command('report'))
    .description(
      '生成某期工作总结：Markdown、HTML（每个数字链接到来源）、DOCX（GB/T 9704 公文格式）或 PDF（需 LibreOffice）',
    )
    .addOption(
      new Option('--format <format>', '输出格式；all 写出全部格式（PDF 需安装 LibreOffice）')
        .choices([...REPORT_FORMATS, 'all'])
        .default('md'),
    )
    .option('--out <file>', '输出文件（--format all 时为目录）；省略时 md、html 输出到屏幕，docx、pdf 写入 out/ 目录')
    .option('--strict', '仍有【待填】数据时拒绝生成，并列出全部待填项')
    .option('--template <code>', '使用单位保存的此代码的报告模板（默认 work-summary，或唯一的一个）')
    .option('--template-file <file>', '使用此模板文件，而不是单位保存的报告模板')
    .option('--date <date>', '成文日期，如 2021年11月5日（默认为所选期间的最后一天）')
    .action(async (options: ReportCliOptions) => {
      await withDatabase(options, io, env, async (db) => {
        const org = await resolveOrganisation(db, options.org);
        const period = await choosePeriod(db, org.id, options);
        const doc = await generateReport(db, org, period, {
          templateCode: options.template,
          templateFile: options.templateFile,
          date: options.date,
        });
        if (options.strict) assertComplete(doc);
        if (doc.missing.length > 0) {
          io.err(`注意：报告中有 ${doc.missing.length} 处【待填】数据，可用 taizhang check 查看负责股室。\n`);
        }
        if (options.format === 'all') {
          for (const format of REPORT_FORMATS) {
            const file = defaultOutput(doc, format, options.out ?? 'out');
            try {
              await writeOutput(file, await renderFormat(doc, format));
              io.out(`${file}\n`);
            } catch (error) {
              // Every other format is still written when LibreOffice is missing for the PDF.
              if (format === 'pdf' && error instanceof UserError) io.err(`未生成 PDF：${error.message}\n`);
              else throw error;
            }
          }
          return;
        }
        const content = await renderFormat(doc, options.format);
        const file = options.out ?? (typeof content === 'string' ? undefined : defaultOutput(doc, options.format));
        if (file === undefined) {
          io.out(content as string);
        } else {
          await writeOutput(file, content);
          io.out(`${file}\n`);
        }
      });
    });

  addLedgerCommand(program, {
    io,
    actor,
    addDataOptions,
    withDatabase: (options, work) => withDatabase(options, io, env, work),
  });

  addExcelCommands(program, {
    io,
    actor,
    addDataOptions,
    withDatabase: (options, work) => withDatabase(options, io, env, work),
  });

  addAuditCommand(program, {
    io,
    withDatabase: (options, work) => withDatabase(options, io, env, work),
    setExit,
    exit: { ok: EXIT.ok, broken: EXIT.incomplete },
  });

  addServeCommand(program, { io, env });

  for (const command of program.commands) {
    command.helpOption('-h, --help', '显示帮助').showHelpAfterError('（用 --help 查看用法）');
  }
  return program;
}

/** Runs one command line; returns the exit code. Never lets a stack trace reach the user. */
export async function main(argv: readonly string[], io: Io = processIo, env = process.env): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, env, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.userError;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.userError;
    }
    if (error instanceof UserError) {
      const hint = cliHint(error);
      io.err(
        `错误：${error.message}\n${error.details.map((line) => `  ${line}\n`).join('')}` +
          (hint === undefined ? '' : `提示：${hint}\n`),
      );
      return EXIT.userError;
    }
    io.err(
      `内部错误：${error instanceof Error ? error.message : String(error)}\n` +
        '这是台账的缺陷，不是您的操作问题；请将以上信息报告给系统管理员。\n',
    );
    if (env.TAIZHANG_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    return EXIT.internal;
  }
}
