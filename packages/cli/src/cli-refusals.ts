import { type DataDirInUseError, redactUrl } from '@taizhang/db';
import { type ErrorKind, UserError } from '@taizhang/services';

/**
 * The catalogue of the command line's own refusals: what it says before a service is reached
 * (the database cannot be opened, a flag is missing) or of what only it does (writing the
 * output file, listening on a port) — each code once, with its kind and its Chinese message
 * made from named arguments. These may name the command's flags: nothing else shows them. The
 * services' refusals are theirs (services/src/refusals.ts); every refusal exits 2.
 */
interface CliRefusal<A> {
  kind: ErrorKind;
  message: (args: A) => string;
}

const entry = <A = Record<never, never>>(kind: ErrorKind, message: (args: A) => string): CliRefusal<A> => ({
  kind,
  message,
});

/** Why a ledger row's content was not read: each way of giving it wrong. */
const INPUT_SOURCE = {
  none: () => "请给出记录内容：--json '{…}'、--file 文件，或 - 从标准输入读取",
  several: () => '--json、--file 和 - 只能选用其中一种给出记录内容',
  extra: (argument: string) => `多余的参数 ${argument}；要从标准输入读取记录内容，请写 -`,
  'no-stdin': () => '没有可读取的标准输入',
} as const;

export const CLI_REFUSALS = {
  /** `where` 数据目录 …/PostgreSQL 服务器 … (the address without its password), `reason` the driver's */
  DB_UNAVAILABLE: entry<{ where: string; reason: string }>(
    'unavailable',
    ({ where, reason }) => `无法打开数据库（${where}）：${reason}`,
  ),
  /** another process has the data directory: `statement` is the lock's own (db/data-dir-lock.ts), naming the holder */
  DATA_DIR_IN_USE: entry<{ statement: string }>('conflict', ({ statement }) => statement),
  OUTPUT_UNWRITABLE: entry<{ file: string; reason: string }>(
    'unavailable',
    ({ file, reason }) => `无法写入 ${file}（${reason}）`,
  ),
  /** a change without the version it is based on could silently overwrite someone else's: it is never guessed */
  LEDGER_VERSION_MISSING: entry<{ ledger: string; ref: string }>(
    'invalid',
    ({ ledger, ref }) => `请用 --version 给出所依据的版本号（taizhang ledger show ${ledger} ${ref} 显示的 version）`,
  ),
  LEDGER_INPUT_SOURCE: entry<{ problem: keyof typeof INPUT_SOURCE; argument?: string }>(
    'invalid',
    ({ problem, argument = '' }) => INPUT_SOURCE[problem](argument),
  ),
  IMPORT_FILE_UNREADABLE: entry<{ file: string; reason: string }>('invalid', ({ file, reason }) =>
    reason === 'ENOENT' ? `找不到要导入的文件 ${file}` : `无法读取要导入的文件 ${file}（${reason}）`,
  ),
  IMPORT_MAPPING: entry<{ given: string }>(
    'invalid',
    ({ given }) => `--map 应写成“文件中的列标题=台账的列标题”，如 --map 投诉类别=问题类别，而不是 ${given}`,
  ),
  SERVE_PORT_IN_USE: entry<{ port: number }>(
    'unavailable',
    ({ port }) => `端口 ${port} 已被占用，请用 --port 换一个端口`,
  ),
  SERVE_PORT_DENIED: entry<{ port: number }>(
    'forbidden',
    ({ port }) => `没有权限使用端口 ${port}，请换一个 1024 以上的端口`,
  ),
  SERVE_FAILED: entry<{ reason: string }>('unavailable', ({ reason }) => `无法启动服务：${reason}`),
  /** `statement` is the server's own (server/http/trust-proxy.ts), the one its option parser refuses with */
  SERVE_TRUST_PROXY: entry<{ statement: string }>('invalid', ({ statement }) => statement),
} as const;

export type CliRefusalCode = keyof typeof CLI_REFUSALS;
type ArgsOf<C extends CliRefusalCode> = (typeof CLI_REFUSALS)[C] extends CliRefusal<infer A> ? A : never;

/** The refusal of catalogue entry `code`. */
export function cliRefusal<C extends CliRefusalCode>(code: C, args: ArgsOf<C>): UserError {
  const found = CLI_REFUSALS[code] as unknown as CliRefusal<ArgsOf<C>>;
  return new UserError(code, found.message(args), [], { kind: found.kind, args: scalarArgs(args as object) });
}

/** The data directory's lock refused this process. */
export function dataDirInUse(error: DataDirInUseError): UserError {
  return cliRefusal('DATA_DIR_IN_USE', { statement: error.message });
}

/** The database could not be opened, said without the password a PostgreSQL address may carry. */
export function databaseUnavailable(error: unknown, dataDir: string, url: string | undefined): UserError {
  const where = url ? `PostgreSQL 服务器 ${redactUrl(url)}` : `数据目录 ${dataDir}`;
  return cliRefusal('DB_UNAVAILABLE', { where, reason: error instanceof Error ? error.message : String(error) });
}

function scalarArgs(args: object): Readonly<Record<string, string | number>> {
  return Object.fromEntries(
    Object.entries(args).filter((pair): pair is [string, string | number] =>
      ['string', 'number'].includes(typeof pair[1]),
    ),
  );
}
