import type { ErrorArgs, RefusalCode, UserError } from '@taizhang/services';

/**
 * What the command line adds to a service's refusal: how to go on with this command's own
 * flags. The services' messages name no flag, because the web app shows them too.
 */
const HINTS: Readonly<Partial<Record<RefusalCode, (args: ErrorArgs) => string>>> = {
  PERIOD_NONE: () => '用 --year 和 --through 指定期间',
  TEMPLATE_NONE: () => '用 --template 选择已有的模板，或用 --template-file 指定模板文件',
  TEMPLATE_CHOOSE: () => '用 --template 选择其一',
  ORG_NONE: () => '请先运行 taizhang demo，或 taizhang load 数据集文件',
  ORG_AMBIGUOUS: () => '用 --org 指定其一',
  REPORT_INCOMPLETE: () => '去掉 --strict 可生成带【待填】标记的草稿',
  LEDGER_ROW_MISSING: (a) => `可用 taizhang ledger list ${a.ledger} --search 查找`,
  LEDGER_REF_EXISTS: (a) => `要修改它，请用 taizhang ledger update ${a.ledger} ${a.ref} --version ${a.version}`,
  LEDGER_STALE_VERSION: (a) => `当前内容见标准输出；请在其基础上重新修改，并写 --version ${a.version}`,
};

/** The command line's hint for a refusal, or undefined when the message says all there is. */
export function cliHint(error: UserError): string | undefined {
  return HINTS[error.code as RefusalCode]?.(error.args);
}
