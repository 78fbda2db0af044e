import { ROLES } from '@taizhang/core';
import { DataDirInUseError, migrateUrl, serverUrl } from '@taizhang/db';
import { parseTrustProxy, type RunningServer, startServer, TRUST_PROXY_LIST_NEEDED } from '@taizhang/server';
import type { UserError } from '@taizhang/services';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { cliRefusal, dataDirInUse } from '../cli-refusals.js';
import { renderTable } from '../format/table.js';
import type { Io } from '../io.js';
import { integerIn } from '../options.js';

interface ServeOptions {
  data: string;
  port: number;
  host: string;
  demo?: boolean;
  /** true when the flag was given without its list, which is refused */
  trustProxy?: string[] | true;
  logLevel: string;
}

/** What the whole shell lends the serve command. */
export interface ServeShell {
  io: Io;
  env: NodeJS.ProcessEnv;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'];

/** The lines printed once the server listens: where it is, where its data is, and the demo accounts. */
export function serveBanner(running: RunningServer, dataDir: string, databaseUrl: string | undefined): string {
  const lines = [
    `台账已启动：${running.url}`,
    `接口文档：${running.url}/api/docs`,
    `数据位置：${databaseUrl ? `PostgreSQL ${running.backend.location}` : `${dataDir}（嵌入式数据库 PGlite）`}`,
    '按 Ctrl+C 停止服务。',
  ];
  if (running.demo) {
    const { accounts, password } = running.demo;
    const rows = accounts.map((a) => [a.username, ROLES[a.role], a.sectionName ?? '—', a.displayName]);
    lines.push(
      '',
      `示范区演示账户，密码均为 ${password}（仅供演示；正式使用前请由系统管理员新建账户并停用这些账户）：`,
      renderTable(['用户名', '角色', '股室', '姓名'], rows, ['left', 'left', 'left', 'left']),
    );
  }
  return `${lines.join('\n')}\n`;
}

function startFailure(error: unknown, port: number): UserError {
  // Another process has the data directory: its message names the holder and what to do.
  if (error instanceof DataDirInUseError) return dataDirInUse(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return cliRefusal('SERVE_PORT_IN_USE', { port });
  if (code === 'EACCES') return cliRefusal('SERVE_PORT_DENIED', { port });
  return cliRefusal('SERVE_FAILED', { reason: error instanceof Error ? error.message : String(error) });
}

/** `--trust-proxy 10.0.0.1,192.168.0.0/16`: the list, checked; a Chinese refusal otherwise. */
function trustProxyList(text: string): string[] {
  try {
    return parseTrustProxy(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** `taizhang serve`: the HTTP API and the web app (docs/api.md), until Ctrl+C or SIGTERM. */
export function addServeCommand(program: Command, { io, env }: ServeShell): void {
  program
    .command('serve')
    .description('启动网页服务：接口在 /api，网页界面在 /；数据库工作在独立线程中进行，按 Ctrl+C 安全停止')
    .addOption(
      new Option(
        '--data <dir>',
        '嵌入式数据库（PGlite）的数据目录；设置了 DATABASE_URL 时改用该 PostgreSQL 服务器',
      ).default('./data'),
    )
    .addOption(new Option('--port <port>', '端口').default(3000).argParser(integerIn(0, 65535, '端口')))
    .addOption(new Option('--host <address>', '监听地址；0.0.0.0 供局域网访问').default('127.0.0.1'))
    .option('--demo', '启动前（重新）创建示范区演示数据和演示账户，并打印账户')
    .option(
      '--trust-proxy [addresses]',
      '服务位于反向代理之后：列出受信任的代理地址或网段（逗号分隔，如 10.0.0.1,192.168.0.0/16；本机代理写 loopback），只采用这些代理转来的 X-Forwarded-For 和 X-Forwarded-Proto',
      trustProxyList,
    )
    .addOption(
      new Option('--log-level <level>', '日志级别（日志为 JSON 行，写到标准输出）').choices(LOG_LEVELS).default('warn'),
    )
    .action(async (options: ServeOptions) => {
      // A bare --trust-proxy used to believe every client's X-Forwarded-For.
      if (options.trustProxy === true) throw cliRefusal('SERVE_TRUST_PROXY', { statement: TRUST_PROXY_LIST_NEEDED });
      const databaseUrl = serverUrl({}, env);
      let running: RunningServer;
      try {
        running = await startServer({
          port: options.port,
          host: options.host,
          dataDir: options.data,
          databaseUrl,
          migrateUrl: migrateUrl({}, env),
          demo: options.demo,
          trustProxy: options.trustProxy,
          logger: { level: options.logLevel },
        });
      } catch (error) {
        throw startFailure(error, options.port);
      }
      io.out(serveBanner(running, options.data, databaseUrl));
      await running.closed;
      io.out('台账服务已停止。\n');
    });
}
