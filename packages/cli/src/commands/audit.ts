import type { Database } from '@taizhang/db';
import { type AuditVerification, resolveOrganisation, verifyAuditTrail } from '@taizhang/services';
import { type Command, Option } from 'commander';
import type { Io } from '../io.js';

/** What the audit commands need of the shell around them. */
export interface AuditShell {
  io: Io;
  withDatabase<T>(options: { data: string }, work: (db: Database) => Promise<T>): Promise<T>;
  setExit(code: number): void;
  /** exit codes: the chains intact, and broken */
  exit: { ok: number; broken: number };
}

interface VerifyOptions {
  data: string;
  org?: string;
  json?: boolean;
}

/** `taizhang audit verify`'s report: the verdict first, then each broken chain's first broken link, or each chain's head. */
export function verificationText(result: AuditVerification): string {
  if (result.intact) {
    return [
      `审计记录完整：共 ${result.total} 条，哈希链无断裂`,
      ...result.chains.map((c) => `  ${c.organisation}：${c.records} 条，链头为链位 ${c.seq}，哈希 ${c.hash}`),
    ].join('\n');
  }
  return [
    `审计记录有断裂：共 ${result.total} 条，${result.breaks.length} 条哈希链断裂，第一处断裂如下`,
    ...result.breaks.map((b) => {
      const where =
        b.id === null
          ? '链尾'
          : `记录 #${b.id}（北京时间 ${b.at}，数据表 ${b.tableName}（${b.table}），链位 ${b.seq}）`;
      return `  ${b.organisation}：${where}：${b.reason}`;
    }),
  ].join('\n');
}

export function addAuditCommand(program: Command, shell: AuditShell): void {
  const audit = program.command('audit').description('审计日志').helpCommand('help [command]', '显示某个命令的帮助');
  audit
    .command('verify')
    .helpOption('-h, --help', '显示帮助')
    .showHelpAfterError('（用 --help 查看用法）')
    .description('校验审计记录的哈希链：逐条重算哈希，报告每条断裂的哈希链的第一处断裂；完整时退出码为 0，有断裂时为 1')
    .addOption(
      new Option(
        '--data <dir>',
        '嵌入式数据库（PGlite）的数据目录；设置了 DATABASE_URL 时改用该 PostgreSQL 服务器',
      ).default('./data'),
    )
    .option('--org <code>', '只校验此单位的审计记录（省略时校验全部单位）')
    .option('--json', '以 JSON 输出')
    .action(async (options: VerifyOptions) => {
      await shell.withDatabase(options, async (db) => {
        const orgId = options.org === undefined ? undefined : (await resolveOrganisation(db, options.org)).id;
        const result = await verifyAuditTrail(db, orgId);
        shell.io.out(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${verificationText(result)}\n`);
        shell.setExit(result.intact ? shell.exit.ok : shell.exit.broken);
      });
    });
}
