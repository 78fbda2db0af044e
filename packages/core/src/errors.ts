/**
 * The catalogue of problems a user can be shown (用户可见的问题). Every code and every
 * Chinese message is declared here once, so that what bureau staff can see is listed in
 * one place, worded consistently, and documented (docs/dataset.md lists the codes).
 * Codes are stable: scripts and tests match on them, never on the wording.
 */

/** One problem found in an input file, located as precisely as the input allows. */
export interface Problem {
  /** the file as the caller named it */
  file: string;
  /** JSON Pointer of the offending node, e.g. "/values/12/month"; "" for the whole file */
  path: string;
  /** 1-based line, when known */
  line?: number;
  /** 1-based column, when known */
  column?: number;
  /** stable code, one of PROBLEM_CODES */
  code: string;
  /** plain-language reason in Chinese, naming the field */
  message: string;
}

/** Stable codes, each with the one-line summary docs/dataset.md shows. */
export const PROBLEM_CODES = {
  DATASET_FILE_MISSING: '找不到数据集文件',
  DATASET_FILE_UNREADABLE: '数据集文件无法读取（没有权限、是文件夹等）',
  DATASET_NOT_TEXT: '不是 UTF-8 文字文件（图片、表格、其他编码等）',
  DATASET_EMPTY: '文件是空的',
  DATASET_SYNTAX: 'YAML 或 JSON 语法错误',
  DATASET_DUPLICATE_KEY: '同一处的字段名写了两次',
  DATASET_SHAPE: '缺少必填字段、有未知字段，或字段搭配不对',
  DATASET_VERSION: '格式版本 format 不认识',
  DATASET_TYPE: '值的类型不对（如该填数字处填了文字）',
  DATASET_NUMBER_FORMAT: '数字不是普通写法（如 1e3、.5，或整数写成 1.0）',
  DATASET_RANGE: '数值超出允许范围，或文字、列表的长度不对',
  DATASET_ENUM: '不是允许的取值之一',
  DATASET_PATTERN: '编码或日期的写法不对',
  DATASET_DUPLICATE: '股室编码、指标编码、目标、数值、叙述或模板编码重复',
  DATASET_UNKNOWN_SECTION: '指标、叙述或台账行的所属股室不在 sections 中',
  DATASET_UNKNOWN_INDICATOR: '目标或数值的指标不在 indicators 中',
  DATASET_PERIOD_KIND: '月报指标填了季度，或季报指标填了月份',
  DATASET_PRECISION: '小数位数多于指标或台账字段规定的位数',
  DATASET_PLAN_CURVE: '计划进度不是 0 至 100 之间逐月不减、以 100 结束的 12 个值',
  DATASET_PLAN_CURVE_MISSING: '按计划进度考核的指标，其目标缺少计划进度',
  DATASET_NO_YEAR_ON_YEAR: '不作同比的指标给了目标增速或上年同期可比数',
  DATASET_TOO_MANY_PROBLEMS: '问题太多，只列出了前面一部分',
  DATASET_DERIVE: '派生指标的口径与台账不符',
  DATASET_DERIVED_VALUE: '给派生指标填报了数值',
  DATASET_YEAR_TO_DATE: '按累计数填报的指标：累计数比上一期少，缺上一期的累计数，或不是累计型指标',
  LEDGER_UNKNOWN: '没有这个代码的台账',
  LEDGER_INPUT: '单独新增或修改的台账行不是一个对象，或试图修改编号',
  LEDGER_DUPLICATE_REF: '同一台账中有两行编号相同',
  LEDGER_DATE_ORDER: '台账行的日期先后不对（如答复早于受理、办结早于公开承诺）',
  LEDGER_MISSING_PREREQUISITE:
    '台账行填了后一步，却没有前一步（如办结却没有答复、出具意见书却没有验收日期、完工却没有开工日期）',
  LEDGER_STATUS_FIELD:
    '台账行的字段与其类别或状态不符（如已完工却没有完工日期、非消防验收填了验收日期、计量单位与整改内容不符）',
  LEDGER_TYPE:
    '台账类型的定义有误（字段重复或占用保留代码、选项与字段类型不符、规则引用的字段不存在或类型不对、编号规则没有序号）',
  LEDGER_TYPE_CHANGE:
    '台账类型的修改会丢失或违背已有数据（删除字段、改字段类型、改代码），或已有记录、派生指标、报告模板与新定义不符',
  LEDGER_MILESTONE_EARLY: '提醒（不阻止写入）：项目节点的完成日期早于计划日期，请核实',
  TEMPLATE_TEXT: '报告模板、叙述或项目进展表述的写法有误（如标签没有闭合、过滤器不存在），并指出行和列',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

type Empty = Record<string, never>;

function entry<A>(code: ProblemCode, render: (args: A) => string) {
  return { code, render };
}

/** A field named for the reader: its key as written in the file and its Chinese title. */
export function fieldName(key: string, title?: string): string {
  return title ? `${key}（${title}）` : key;
}

/**
 * Alternatives joined by a word (或, 和), spaced only where a Latin name meets it: the
 * full-width bracket of `month（月份）` needs no space.
 */
function joinFields(fields: readonly string[], word: string): string {
  return fields.reduce((joined, field) => {
    if (joined === '') return field;
    return `${joined}${joined.endsWith('）') ? '' : ' '}${word} ${field}`;
  }, '');
}

/** Items joined the Chinese way, shortened when long so that a message stays one line. */
function listOf(items: readonly string[], max = 12): string {
  if (items.length <= max) return items.join('、');
  return `${items.slice(0, max).join('、')} 等 ${items.length} 个`;
}

const MAX_SHOWN_TEXT = 40;

/** How a value from the file is shown in a message: text in quotes, numbers as written. */
export function describeValue(value: unknown, literal?: string): string {
  if (literal !== undefined) return literal;
  if (typeof value === 'string') {
    const shown = [...value].length > MAX_SHOWN_TEXT ? `${[...value].slice(0, MAX_SHOWN_TEXT).join('')}…` : value;
    return `“${shown}”`;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return `${value}（是否值）`;
  if (value === null || value === undefined) return '空值（没有填写）';
  if (Array.isArray(value)) return `列表（${value.length} 项）`;
  return '对象（一组“字段: 值”）';
}

/** Names of JSON types as a reader knows them. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: '整数',
  number: '数字',
  string: '文字',
  boolean: '是否值（true 或 false）',
  array: '列表（每项一行，以“- ”开头）',
  object: '对象（一组“字段: 值”）',
  null: '空值',
};

/** Chinese names of the values an enumerated field allows. */
const ENUM_VALUE_TITLES: Readonly<Record<string, string>> = {
  flow: '累计型',
  level: '时点型',
  rate: '比率型',
  monthly: '月报',
  quarterly: '季报',
  linear: '按月平均',
  days: '按天数',
  plan: '按计划进度',
  district: '区县',
  city: '市',
};

/** A place in the file where something was first written, for "first occurrence" hints. */
interface FirstSeen {
  firstPath: string;
  firstLine?: number | undefined;
}

function firstSeen(a: FirstSeen): string {
  return a.firstLine === undefined ? a.firstPath : `${a.firstPath}（第 ${a.firstLine} 行）`;
}

function suggestion(name: string | undefined): string {
  return name === undefined ? '' : `，是不是想写 ${name}？`;
}

/** What a reference could have named instead, when no close match suggests itself. */
function knownCodes(known: readonly string[], what: string, list: string): string {
  return known.length > 0 ? `；已有的${what}编码：${listOf(known)}` : `；${list} 中还没有任何${what}`;
}

const PLAIN_DECIMAL_HINT =
  '请写成普通小数，如 12.35、-3、0.10，不要用科学计数法（1e3）、省略整数部分的 0（.5）、千位分隔符、单位或其他文字';

/** Advice per kind of binary file someone may pick by mistake. */
const BINARY_FILE_KINDS = {
  png: { kind: 'PNG 图片', advice: '' },
  jpeg: { kind: 'JPEG 图片', advice: '' },
  gif: { kind: 'GIF 图片', advice: '' },
  pdf: { kind: 'PDF 文档', advice: '' },
  zip: {
    kind: 'Excel 表格（.xlsx）、Word 文档（.docx）或 ZIP 压缩包',
    advice: '；表格中的数据请按 docs/dataset.md 整理为 YAML 或 JSON 后再载入',
  },
  ole: {
    kind: '旧版 Excel（.xls）或 Word（.doc）文件',
    advice: '；表格中的数据请按 docs/dataset.md 整理为 YAML 或 JSON 后再载入',
  },
  gzip: { kind: 'GZIP 压缩文件', advice: '；请先解压' },
  unknown: { kind: '二进制文件（含有空字符）', advice: '' },
} as const satisfies Record<string, { kind: string; advice: string }>;

export type BinaryFileKind = keyof typeof BINARY_FILE_KINDS;

/** Reasons for YAML syntax errors, by the `yaml` library's error code. */
export const YAML_SYNTAX_REASONS = {
  BAD_INDENT: '缩进不对：同一层的字段必须从同一列开始，请用空格对齐',
  TAB_AS_INDENT: '不能用 Tab 键缩进，请改用空格',
  MISSING_CHAR: '缺少配对的符号：引号、方括号或花括号没有结束',
  MULTILINE_IMPLICIT_KEY:
    '字段名必须和冒号写在同一行，写成“字段名: 值”（英文冒号，后面有一个空格）；也可能是下一行的缩进多了',
  MULTIPLE_DOCS: '一个文件只能有一份数据，请删去多余的 --- 分隔线',
  BAD_DQ_ESCAPE: '双引号中的反斜杠 \\ 写法无效；要写反斜杠本身，请写 \\\\ 或改用单引号',
  BLOCK_AS_IMPLICIT_KEY:
    '这里的值和下一行连在了一起：下一行的缩进可能多了，同一层的字段必须从同一列开始；如果值本身含有“: ”，请用引号括起来',
  BLOCK_IN_FLOW: '方括号或花括号里不能再用分行缩进的写法',
  UNEXPECTED_TOKEN: '这里出现了不该出现的内容',
  BAD_SCALAR_START: '值不能以 @、` 等特殊符号开头，请用引号括起来',
  KEY_OVER_1024_CHARS: '字段名太长',
  BAD_ALIAS: '锚点（&）或别名（*）的写法不对',
  ALIAS_PROPS: '别名（*）前不能再加锚点或标签',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点（&）',
  MULTIPLE_TAGS: '一个值只能有一个标签（!）',
  BAD_PROP_ORDER: '锚点（&）和标签（!）的位置不对',
  TAG_RESOLVE_FAILED: '无法识别以 ! 开头的标签',
  BAD_DIRECTIVE: '无法识别以 % 开头的指令行',
  RESOURCE_EXHAUSTION: '别名（*）展开后的内容过多，或嵌套的层数太多',
} as const;

/**
 * Finer reasons for errors the `yaml` library files under one broad code (MISSING_CHAR covers
 * an unclosed quote as well as a stray line), told apart by its English message.
 */
const YAML_MESSAGE_REASONS: readonly (readonly [RegExp, string])[] = [
  [
    /Sequence item without - indicator/,
    '这一行的缩进和上面同一层的字段不一致（或者列表项缺少开头的“- ”）；同一层的内容必须从同一列开始',
  ],
  [/Missing closing .?quote/, '引号没有结束：缺少结尾的引号'],
  [/Missing , /, '方括号或花括号中的各项之间缺少英文逗号 ,'],
  [/Missing space after :/, '冒号后面缺少空格，应写成“字段名: 值”'],
  [/Implicit map keys need to be followed by map values/, '这一行缺少“: 值”，应写成“字段名: 值”'],
  [/Comments must be separated/, '注释符号 # 前面要有空格'],
];

/** The reason for a `yaml` library error, when the catalogue has one. */
export function yamlSyntaxReason(code: string, message: string): string | undefined {
  const refined = YAML_MESSAGE_REASONS.find(([pattern]) => pattern.test(message));
  return refined?.[1] ?? (YAML_SYNTAX_REASONS as Readonly<Record<string, string | undefined>>)[code];
}

/** Extra hints for common slips on the line of a syntax error. */
export const SYNTAX_HINTS = {
  fullWidthColon: '这一行用了中文冒号“：”，请改为英文冒号加空格“: ”',
  noSpaceAfterColon: '这一行的冒号后面缺少空格，应写成“字段名: 值”',
  fullWidthPunctuation: (mark: string) => `这里用了中文标点“${mark}”，请改为对应的英文标点`,
} as const;

/** Reasons for JSON syntax errors; JSON is strict, so each says how to fix the text. */
export const JSON_SYNTAX_REASONS = {
  unexpectedEnd: (a: { closing: string; openLine: number }) =>
    `文件在这里结束了，但第 ${a.openLine} 行开始的内容还缺少结尾的 ${a.closing}`,
  expectedValue: '这里应有一个值（文字、数字、对象或列表）',
  expectedKey: '这里应是用英文双引号括起来的字段名',
  unquotedKey: (a: { word: string }) => `字段名 ${a.word} 要用英文双引号括起来，写成 "${a.word}"`,
  unquotedWord: (a: { word: string }) =>
    `无法识别 ${a.word}；文字要用英文双引号括起来，是否值写 true 或 false，空值写 null`,
  singleQuote: 'JSON 中的文字必须用英文双引号 " 括起来，不能用单引号',
  expectedColon: (a: { key: string }) => `字段名 "${a.key}" 后面应有英文冒号 :`,
  expectedCommaOrEnd: (a: { closing: string }) => `这里应是英文逗号 , 或 ${a.closing}（上一项后面是不是漏了逗号？）`,
  trailingComma: (a: { closing: string }) => `${a.closing} 前面多了一个逗号；JSON 中最后一项后面不能有逗号`,
  comment: 'JSON 不支持注释（// 或 /* */）；需要注释请改用 YAML 格式',
  controlInString: '文字中间不能直接换行或含有控制字符；换行请写成 \\n',
  badEscape: (a: { escape: string }) => `文字中的 ${a.escape} 写法无效；要写反斜杠本身请写 \\\\`,
  unterminatedString: '文字缺少结尾的英文双引号 "',
  badNumber: (a: { text: string }) =>
    `数字 ${a.text} 的写法不符合 JSON：不能以 0 开头（如 07）、不能以小数点开头或结尾（如 .5、5.）`,
  trailingContent: 'JSON 内容已经结束，后面还有多余的内容（是不是多了一个 } 或 ]，或者写了两份数据？）',
  tooDeep: '对象或列表嵌套的层数太多',
} as const;

/**
 * Every message a user can see, each with its code. The argument names say what the caller
 * supplies; labels (“月份”, “指标 fai”) are resolved by the caller from the schema titles.
 */
export const PROBLEM_MESSAGES = {
  // The file itself.
  fileMissing: entry('DATASET_FILE_MISSING', (a: { file: string }) => `找不到文件 ${a.file}，请检查文件名和所在文件夹`),
  fileUnreadable: entry(
    'DATASET_FILE_UNREADABLE',
    (a: { file: string; reason: string }) => `无法读取文件 ${a.file}：${a.reason}`,
  ),
  binaryFile: entry(
    'DATASET_NOT_TEXT',
    (a: { kind: BinaryFileKind }) =>
      `这不是文字文件，看起来是 ${BINARY_FILE_KINDS[a.kind].kind}；数据集应为 UTF-8 编码的 YAML（.yaml）或 JSON（.json）文本文件${BINARY_FILE_KINDS[a.kind].advice}`,
  ),
  utf16Text: entry(
    'DATASET_NOT_TEXT',
    (_: Empty) => '文件是 UTF-16 编码；请另存为 UTF-8 编码（记事本“另存为”时在“编码”中选择 UTF-8）',
  ),
  notUtf8: entry(
    'DATASET_NOT_TEXT',
    (_: Empty) =>
      '文件不是 UTF-8 编码：从这里起有无法识别的字节（可能是 GBK 编码）；请用记事本或 WPS 另存为 UTF-8 编码后再载入',
  ),
  empty: entry(
    'DATASET_EMPTY',
    (_: Empty) => '文件是空的；数据集至少应写明 format、organisation、sections 和 indicators',
  ),

  // Syntax.
  yamlSyntax: entry('DATASET_SYNTAX', (a: { reason: string }) => `YAML 格式错误：${a.reason}`),
  jsonSyntax: entry('DATASET_SYNTAX', (a: { reason: string }) => `JSON 格式错误：${a.reason}`),
  aliasCycle: entry('DATASET_SYNTAX', (a: { alias: string }) => `别名 *${a.alias} 引用了包含它自己的内容，无法展开`),
  complexKey: entry('DATASET_SYNTAX', (_: Empty) => '字段名必须是一段简单文字，不能是列表或对象'),
  duplicateKey: entry(
    'DATASET_DUPLICATE_KEY',
    (a: { key: string; firstLine: number }) =>
      `字段 ${a.key} 写了两次（第一次在第 ${a.firstLine} 行）；同一处每个字段只能写一次`,
  ),

  // Shape, as the JSON Schema states it.
  missingField: entry('DATASET_SHAPE', (a: { owner: string; field: string }) => `${a.owner}缺少必填字段 ${a.field}`),
  unknownField: entry(
    'DATASET_SHAPE',
    (a: { owner: string; field: string; suggestion?: string | undefined; allowed: readonly string[] }) =>
      `${a.owner}中有未知字段 ${a.field}${
        a.suggestion === undefined ? `；这里允许的字段有：${a.allowed.join('、')}` : suggestion(a.suggestion)
      }`,
  ),
  atLeastOneOf: entry(
    'DATASET_SHAPE',
    (a: { owner: string; fields: readonly string[] }) => `${a.owner}应至少给出 ${joinFields(a.fields, '或')}`,
  ),
  exactlyOneOfMissing: entry(
    'DATASET_SHAPE',
    (a: { owner: string; fields: readonly string[] }) => `${a.owner}应给出 ${joinFields(a.fields, '或')}`,
  ),
  exactlyOneOfMany: entry(
    'DATASET_SHAPE',
    (a: { owner: string; fields: readonly string[] }) =>
      `${a.owner}不能同时给出 ${joinFields(a.fields, '和')}，只能给出其中一项`,
  ),
  shapeOther: entry(
    'DATASET_SHAPE',
    (a: { label: string; detail: string }) => `${a.label}不符合格式要求（${a.detail}）`,
  ),
  version: entry(
    'DATASET_VERSION',
    (a: { label: string; expected: string; actual: string }) =>
      `${a.label}应为 ${a.expected}，实际为 ${a.actual}；本程序只认识这一版本的格式`,
  ),
  wrongType: entry(
    'DATASET_TYPE',
    (a: { label: string; expected: readonly string[]; actual: string; unquote?: boolean }) =>
      `${a.label}应为${a.expected.map((type) => TYPE_NAMES[type] ?? type).join('或')}，实际为 ${a.actual}${
        a.unquote ? '（请去掉引号）' : ''
      }`,
  ),
  decimalWrongType: entry(
    'DATASET_TYPE',
    (a: { label: string; actual: string }) => `${a.label}应为数字，实际为 ${a.actual}；${PLAIN_DECIMAL_HINT}`,
  ),
  decimalNotPlain: entry(
    'DATASET_NUMBER_FORMAT',
    (a: { label: string; actual: string }) => `${a.label}写成了 ${a.actual}；${PLAIN_DECIMAL_HINT}`,
  ),
  integerNotPlain: entry(
    'DATASET_NUMBER_FORMAT',
    (a: { label: string; actual: string }) => `${a.label}写成了 ${a.actual}；请写成不带小数点的普通整数，如 3`,
  ),
  negativeDecimal: entry(
    'DATASET_RANGE',
    (a: { label: string; actual: string }) => `${a.label}不能小于 0，实际为 ${a.actual}`,
  ),
  range: entry(
    'DATASET_RANGE',
    (a: { label: string; min?: number | undefined; max?: number | undefined; integer: boolean; actual: string }) => {
      const what = a.integer ? '整数' : '数';
      if (a.min !== undefined && a.max !== undefined) {
        return `${a.label}应为 ${a.min} 至 ${a.max} 的${what}，实际为 ${a.actual}`;
      }
      return a.min !== undefined
        ? `${a.label}应不小于 ${a.min}，实际为 ${a.actual}`
        : `${a.label}应不大于 ${a.max}，实际为 ${a.actual}`;
    },
  ),
  emptyText: entry('DATASET_RANGE', (a: { label: string }) => `${a.label}不能为空`),
  blankText: entry('DATASET_RANGE', (a: { label: string }) => `${a.label}不能为空（只有空格或空行）`),
  textTooShort: entry(
    'DATASET_RANGE',
    (a: { label: string; min: number; actual: number }) => `${a.label}至少应有 ${a.min} 个字，实际有 ${a.actual} 个字`,
  ),
  textTooLong: entry(
    'DATASET_RANGE',
    (a: { label: string; max: number; actual: number }) => `${a.label}最多 ${a.max} 个字，实际有 ${a.actual} 个字`,
  ),
  itemCount: entry(
    'DATASET_RANGE',
    (a: { label: string; min?: number | undefined; max?: number | undefined; actual: number }) => {
      const wanted =
        a.min === a.max
          ? `应恰好有 ${a.min} 项`
          : a.max === undefined
            ? `至少应有 ${a.min} 项`
            : a.min === undefined
              ? `最多 ${a.max} 项`
              : `应有 ${a.min} 至 ${a.max} 项`;
      return `${a.label}${wanted}，实际有 ${a.actual} 项`;
    },
  ),
  notAllowedValue: entry(
    'DATASET_ENUM',
    (a: { label: string; allowed: readonly string[]; actual: string; suggestion?: string | undefined }) =>
      `${a.label}应为以下之一：${a.allowed
        .map((value) => (ENUM_VALUE_TITLES[value] ? `${value}（${ENUM_VALUE_TITLES[value]}）` : value))
        .join('、')}；实际为 ${a.actual}${suggestion(a.suggestion)}`,
  ),
  codePattern: entry(
    'DATASET_PATTERN',
    (a: { label: string; actual: string }) =>
      `${a.label}写法不对：应以英文字母开头，只含英文字母、数字和 _ . -，最长 64 个字符；实际为 ${a.actual}`,
  ),
  dateTimePattern: entry(
    'DATASET_PATTERN',
    (a: { label: string; actual: string }) =>
      `${a.label}应写成日期（如 2021-11-05）或日期时间（如 2021-11-05T09:30:00+08:00），实际为 ${a.actual}`,
  ),
  impossibleDate: entry(
    'DATASET_RANGE',
    (a: { label: string; actual: string }) => `${a.label} ${a.actual} 不是实际存在的日期或时间（请检查月、日、时、分）`,
  ),
  datePattern: entry(
    'DATASET_PATTERN',
    (a: { label: string; actual: string }) => `${a.label}应写成日期（如 2021-11-05），实际为 ${a.actual}`,
  ),
  refPattern: entry(
    'DATASET_PATTERN',
    (a: { label: string; actual: string }) => `${a.label}的首尾不能有空格，中间不能换行，实际为 ${a.actual}`,
  ),
  otherPattern: entry(
    'DATASET_PATTERN',
    (a: { label: string; actual: string }) => `${a.label}的写法不符合要求，实际为 ${a.actual}`,
  ),

  // Meaning across records, checked once the shape is right.
  duplicateCode: entry(
    'DATASET_DUPLICATE',
    (a: { what: string; code: string } & FirstSeen) => `${a.what}编码 ${a.code} 重复，第一次出现在 ${firstSeen(a)}`,
  ),
  duplicateTarget: entry(
    'DATASET_DUPLICATE',
    (a: { indicator: string; year: number } & FirstSeen) =>
      `指标 ${a.indicator} ${a.year} 年的目标重复，第一次出现在 ${firstSeen(a)}；每个指标每年只能有一条目标`,
  ),
  duplicateValue: entry(
    'DATASET_DUPLICATE',
    (a: { indicator: string; year: number; month?: number | undefined; quarter?: number | undefined } & FirstSeen) =>
      `指标 ${a.indicator} ${a.year} 年${a.month === undefined ? `第 ${a.quarter} 季度` : ` ${a.month} 月`}的数值重复，第一次出现在 ${firstSeen(a)}`,
  ),
  duplicateNarrative: entry(
    'DATASET_DUPLICATE',
    (a: { key: string; year: number; through?: number | undefined } & FirstSeen) =>
      `叙述 ${a.key} ${a.year} 年${a.through === undefined ? '（全年适用）' : `自 ${a.through} 月起`}的内容重复，第一次出现在 ${firstSeen(a)}；同一叙述编码每年每个起用月份只能有一条`,
  ),
  unknownSection: entry(
    'DATASET_UNKNOWN_SECTION',
    (a: { owner: string; section: string; suggestion?: string | undefined; known: readonly string[] }) =>
      `${a.owner}${a.owner.endsWith('）') ? '' : ' '}的所属股室 ${a.section} 不在 sections 中${
        a.suggestion !== undefined ? suggestion(a.suggestion) : knownCodes(a.known, '股室', 'sections')
      }`,
  ),
  unknownIndicator: entry(
    'DATASET_UNKNOWN_INDICATOR',
    (a: { owner: string; indicator: string; suggestion?: string | undefined; known: readonly string[] }) =>
      `${a.owner}的指标 ${a.indicator} 不在 indicators 中${
        a.suggestion !== undefined ? suggestion(a.suggestion) : knownCodes(a.known, '指标', 'indicators')
      }`,
  ),
  quarterForMonthly: entry(
    'DATASET_PERIOD_KIND',
    (a: { indicator: string }) => `指标 ${a.indicator} 是月报指标，应填写月份 month（1 至 12），不能填写季度 quarter`,
  ),
  monthForQuarterly: entry(
    'DATASET_PERIOD_KIND',
    (a: { indicator: string }) => `指标 ${a.indicator} 是季报指标，应填写季度 quarter（1 至 4），不能填写月份 month`,
  ),
  precision: entry(
    'DATASET_PRECISION',
    (a: { label: string; literal: string; places: number; indicator: string; decimals: number }) =>
      `${a.label} ${a.literal} 有 ${a.places} 位小数，指标 ${a.indicator} 规定 ${a.decimals} 位`,
  ),
  fieldPrecision: entry(
    'DATASET_PRECISION',
    (a: { label: string; literal: string; places: number; decimals: number }) =>
      `${a.label} ${a.literal} 有 ${a.places} 位小数，该字段规定最多 ${a.decimals} 位`,
  ),
  planCurveOutOfRange: entry(
    'DATASET_PLAN_CURVE',
    (a: { month: number; literal: string }) => `计划进度 ${a.month} 月的值 ${a.literal} 超出了 0 至 100 的范围`,
  ),
  planCurveDecreasing: entry(
    'DATASET_PLAN_CURVE',
    (a: { month: number; literal: string; previousMonth: number; previous: string }) =>
      `计划进度是逐月累计的百分比，不能减少：${a.month} 月为 ${a.literal}，比 ${a.previousMonth} 月的 ${a.previous} 小`,
  ),
  planCurveEnd: entry(
    'DATASET_PLAN_CURVE',
    (a: { literal: string }) => `计划进度到 12 月应为 100（完成全年目标），实际为 ${a.literal}`,
  ),
  planCurveMissing: entry(
    'DATASET_PLAN_CURVE_MISSING',
    (a: { indicator: string; year: number }) =>
      `指标 ${a.indicator} 的时序进度按计划进度计算（timeProgress: plan），${a.year} 年的目标需要给出 planCurve（1 至 12 月累计计划完成的百分比，共 12 个值）`,
  ),
  growthWithoutYearOnYear: entry(
    'DATASET_NO_YEAR_ON_YEAR',
    (a: { indicator: string }) =>
      `指标 ${a.indicator} 不作同比比较（yearOnYear: false），目标只能给出目标任务 amount，不能给出目标增速 growth`,
  ),
  comparableBaseWithoutYearOnYear: entry(
    'DATASET_NO_YEAR_ON_YEAR',
    (a: { indicator: string }) =>
      `指标 ${a.indicator} 不作同比比较（yearOnYear: false），不需要填写上年同期可比数 comparableBase；请删去该字段`,
  ),

  // Ledgers (台账): docs/ledgers.md.
  unknownLedger: entry(
    'LEDGER_UNKNOWN',
    (a: { ledger: string; suggestion?: string | undefined; known: readonly string[] }) =>
      `没有代码为 ${a.ledger} 的台账${
        a.suggestion !== undefined ? suggestion(a.suggestion) : `；已有的台账：${listOf(a.known)}`
      }`,
  ),
  ledgerTypeDuplicateField: entry(
    'LEDGER_TYPE',
    (a: { type: string; field: string } & FirstSeen) =>
      `台账类型 ${a.type} 的字段代码 ${a.field} 重复，第一次出现在 ${firstSeen(a)}；每个字段的代码须不同`,
  ),
  ledgerTypeReservedField: entry(
    'LEDGER_TYPE',
    (a: { type: string; field: string; reserved: readonly string[] }) =>
      `台账类型 ${a.type} 的字段代码 ${a.field} 是每行都有的保留字段（${listOf(a.reserved)}），请换一个代码`,
  ),
  ledgerTypeOption: entry(
    'LEDGER_TYPE',
    (a: { type: string; field: string; kind: string; option: string; kinds: readonly string[] }) =>
      `台账类型 ${a.type} 的字段 ${a.field} 类型为 ${a.kind}，不能设 ${a.option}：它只用于 ${listOf(a.kinds)} 类型的字段`,
  ),
  ledgerTypeMissingOption: entry(
    'LEDGER_TYPE',
    (a: { type: string; field: string; kind: string; option: string; what: string }) =>
      `台账类型 ${a.type} 的字段 ${a.field} 类型为 ${a.kind}，须用 ${a.option} 写明${a.what}`,
  ),
  ledgerTypeBounds: entry(
    'LEDGER_TYPE',
    (a: { type: string; field: string; min: string; max: string }) =>
      `台账类型 ${a.type} 的字段 ${a.field} 最小值 ${a.min} 大于最大值 ${a.max}`,
  ),
  ledgerTypeRuleField: entry(
    'LEDGER_TYPE',
    (a: { type: string; rule: string; field: string; suggestion?: string | undefined; known: readonly string[] }) =>
      `台账类型 ${a.type} 的规则 ${a.rule} 引用的字段 ${a.field} 不存在${
        a.suggestion !== undefined ? suggestion(a.suggestion) : `；已有的字段：${listOf(a.known)}`
      }`,
  ),
  ledgerTypeRuleFieldType: entry(
    'LEDGER_TYPE',
    (a: { type: string; rule: string; field: string; expected: string }) =>
      `台账类型 ${a.type} 的规则 ${a.rule} 中，字段 ${a.field} 应为${a.expected}字段`,
  ),
  ledgerTypeRuleValue: entry(
    'LEDGER_TYPE',
    (a: { type: string; rule: string; field: string; value: string; allowed: readonly string[] }) =>
      `台账类型 ${a.type} 的规则 ${a.rule} 中，“${a.value}”不是字段 ${a.field} 的可选值（${listOf(a.allowed)}）`,
  ),
  ledgerTypeFirstDated: entry(
    'LEDGER_TYPE',
    (a: { type: string; field: string; value: string }) =>
      `台账类型 ${a.type} 的字段 ${a.field} 的第一个可选值“${a.value}”不能有状态日期：在其他状态的日期之前，行处于第一个状态`,
  ),
  ledgerTypeNumbering: entry(
    'LEDGER_TYPE',
    (a: { type: string; numbering: string }) =>
      `台账类型 ${a.type} 的编号规则 ${a.numbering} 须有且只有一个序号 {seq}（或 {seq:3}，至少 3 位）：没有序号，编出的编号会重复`,
  ),
  ledgerTypeBuiltIn: entry(
    'LEDGER_TYPE',
    (a: { type: string; name: string }) => `台账类型代码 ${a.type} 已是内置台账“${a.name}”的代码，请换一个代码`,
  ),
  ledgerTypeReference: entry(
    'LEDGER_TYPE',
    (a: { type: string; field: string; ledger: string; known: readonly string[] }) =>
      `台账类型 ${a.type} 的字段 ${a.field} 引用的台账 ${a.ledger} 不存在；已有的台账：${listOf(a.known)}`,
  ),
  ledgerTypeExists: entry(
    'LEDGER_TYPE',
    (a: { type: string; name: string }) => `台账类型代码 ${a.type} 已被本单位的“${a.name}”使用，请换一个代码`,
  ),
  ledgerTypeCodeChanged: entry(
    'LEDGER_TYPE_CHANGE',
    (a: { type: string; actual: string }) =>
      `台账类型的代码不能修改：正在修改的是 ${a.type}，定义中的代码却是 ${a.actual}`,
  ),
  ledgerTypeFieldRemoved: entry(
    'LEDGER_TYPE_CHANGE',
    (a: { type: string; field: string; title: string }) =>
      `台账类型 ${a.type} 的字段 ${fieldName(a.field, a.title)} 不能删除：已录入的数据要保留；不再使用的字段请停用`,
  ),
  ledgerTypeFieldKind: entry(
    'LEDGER_TYPE_CHANGE',
    (a: { type: string; field: string; title: string; before: string; after: string }) =>
      `台账类型 ${a.type} 的字段 ${fieldName(a.field, a.title)} 不能从 ${a.before} 类型改为 ${a.after} 类型：已录入的数据按原类型保存；需要新类型请新增一个字段`,
  ),
  ledgerTypeRowsViolate: entry(
    'LEDGER_TYPE_CHANGE',
    (a: { type: string; ref: string; reason: string }) =>
      `“${a.type}”按修改后的定义，已有记录 ${a.ref} 将不合规：${a.reason}`,
  ),
  ledgerTypeUsedByIndicator: entry(
    'LEDGER_TYPE_CHANGE',
    (a: { type: string; field: string; indicator: string; name: string; reason: string }) =>
      `字段“${a.field}”${a.reason}，但派生指标“${a.name}”（${a.indicator}）要用它；请先修改该指标`,
  ),
  ledgerTypeUsedByTemplate: entry(
    'LEDGER_TYPE_CHANGE',
    (a: { type: string; field: string; template: string; reason: string }) =>
      `字段“${a.field}”${a.reason}，但报告模板“${a.template}”要用它；请先修改该模板`,
  ),
  ledgerInputNotObject: entry(
    'LEDGER_INPUT',
    (a: { actual: string }) =>
      `台账行应为一个 JSON 对象（一组“字段: 值”，如 {"ref": "12345-2021-000118", "section": "office", …}），实际为 ${a.actual}`,
  ),
  ledgerFieldRetired: entry(
    'LEDGER_INPUT',
    (a: { label: string }) => `字段 ${a.label} 已停用：原有数据保留、只能查看，不能再填写或修改`,
  ),
  ledgerRefChanged: entry(
    'LEDGER_INPUT',
    (a: { ref: string; actual: string }) =>
      `编号 ref 不能修改：正在修改的是 ${a.ref}，给出的编号却是 ${a.actual}；编号写错了的行请新增一行`,
  ),
  duplicateRef: entry(
    'LEDGER_DUPLICATE_REF',
    (a: { ledger: string; ref: string } & FirstSeen) =>
      `${a.ledger}中编号 ${a.ref} 重复，第一次出现在 ${firstSeen(a)}；同一台账中每行的编号不能相同`,
  ),
  dateOrder: entry(
    'LEDGER_DATE_ORDER',
    (a: { label: string; value: string; earlierLabel: string; earlier: string; byDay: boolean; midnight: boolean }) =>
      `${a.label} ${a.value} 早于${a.earlierLabel} ${a.earlier}${a.byDay ? '（按北京时间的日期比较）' : ''}${
        a.midnight ? '（只写日期的时间按北京时间当天 0 点计，请写明几点几分）' : ''
      }；${a.label}不能早于${a.earlierLabel}`,
  ),
  missingPrerequisite: entry(
    'LEDGER_MISSING_PREREQUISITE',
    (a: {
      owner: string;
      field: string;
      needed: string;
      fieldTitle: string;
      neededTitle: string;
      reason?: string | undefined;
    }) =>
      `${a.owner}填写了 ${a.field}，却没有 ${a.needed}${a.reason ? `：${a.reason}` : ''}；请补填${a.neededTitle}，或删去${a.fieldTitle}`,
  ),
  requiredByStatus: entry(
    'LEDGER_STATUS_FIELD',
    (a: { owner: string; conditionLabel: string; condition: string; field: string }) =>
      `${a.owner}的${a.conditionLabel}为“${a.condition}”，必须填写 ${a.field}；请补填，或改正${a.conditionLabel}`,
  ),
  notApplicable: entry(
    'LEDGER_STATUS_FIELD',
    (a: { owner: string; conditionLabel: string; condition: string; field: string; allowed: readonly string[] }) =>
      `${a.owner}的${a.conditionLabel}为“${a.condition}”，不应填写 ${a.field}：它只用于${a.conditionLabel}为${a.allowed.join('、')}的行；请删去它，或改正${a.conditionLabel}`,
  ),
  valueMismatch: entry(
    'LEDGER_STATUS_FIELD',
    (a: {
      owner: string;
      conditionLabel: string;
      condition: string;
      label: string;
      expected: string;
      actual: string;
    }) => `${a.owner}的${a.conditionLabel}为“${a.condition}”，${a.label}应为“${a.expected}”，实际为“${a.actual}”`,
  ),
  ytdNotFlow: entry(
    'DATASET_YEAR_TO_DATE',
    (a: { indicator: string }) =>
      `指标 ${a.indicator} 不是累计型（flow）指标，不能按累计数填报（entry: ytd）；时点和比率指标本来就填期末数，请删去 entry`,
  ),
  ytdGap: entry(
    'DATASET_YEAR_TO_DATE',
    (a: { indicator: string; year: number; period: string; missing: string; label: string }) =>
      `指标 ${a.indicator} 按累计数填报，${a.year}年${a.period}有${a.label}，${a.missing}却没有，无法推算${a.period}的当期数；请补填${a.missing}的累计数`,
  ),
  ytdDecrease: entry(
    'DATASET_YEAR_TO_DATE',
    (a: { indicator: string; year: number; period: string; total: string; previous: string; label: string }) =>
      `指标 ${a.indicator} 按累计数填报，${a.year}年${a.period}的${a.label} ${a.total} 小于上一期的 ${a.previous}；累计数不能减少，请核对是否填成了当期数`,
  ),
  templateText: entry(
    'TEMPLATE_TEXT',
    (a: { owner: string; label: string; error: string }) =>
      `${a.owner}的${a.label}写法有误：${a.error}；请改正后再保存`,
  ),
  milestoneDoneAtMissing: entry(
    'LEDGER_STATUS_FIELD',
    (a: { owner: string; stage: string }) =>
      `${a.owner}的节点“${a.stage}”状态为“已完成”，必须填写完成日期 doneAt；请补填，或改正节点状态`,
  ),
  milestoneDoneEarly: entry(
    'LEDGER_MILESTONE_EARLY',
    (a: { owner: string; stage: string; doneAt: string; plannedAt: string }) =>
      `${a.owner}的节点“${a.stage}”完成日期 ${a.doneAt} 早于计划日期 ${a.plannedAt}：已照写，请核实两个日期是否填对`,
  ),
  milestoneDoneAtNotDone: entry(
    'LEDGER_STATUS_FIELD',
    (a: { owner: string; stage: string; status: string }) =>
      `${a.owner}的节点“${a.stage}”状态为“${a.status}”，不应填写完成日期 doneAt：只有已完成的节点有完成日期；请删去它，或把状态改为“已完成”`,
  ),

  // The list itself.
  deriveUnknownField: entry(
    'DATASET_DERIVE',
    (a: {
      indicator: string;
      role: string;
      field: string;
      ledger: string;
      suggestion?: string | undefined;
      known: readonly string[];
    }) =>
      `指标 ${a.indicator} 的派生口径中，${a.role} ${a.field} 不是台账 ${a.ledger} 的字段${
        a.suggestion !== undefined ? suggestion(a.suggestion) : `；可用的字段：${listOf(a.known)}`
      }`,
  ),
  deriveFieldType: entry(
    'DATASET_DERIVE',
    (a: { indicator: string; role: string; field: string; expected: string }) =>
      `指标 ${a.indicator} 的派生口径中，${a.role} ${a.field} 应为${a.expected}字段`,
  ),
  deriveWithoutField: entry(
    'DATASET_DERIVE',
    (a: { indicator: string; aggregate: string; what: string }) =>
      `指标 ${a.indicator} 按 ${a.aggregate} 汇总，须用 field 指明${a.what}`,
  ),
  deriveMonthOfLevel: entry(
    'DATASET_DERIVE',
    (a: { indicator: string; kind: string }) =>
      `指标 ${a.indicator} 按 month 取计划月份，只能用于时点型（level）指标，实际为 ${a.kind}：月份不能逐月累加`,
  ),
  deriveNotFlow: entry(
    'DATASET_DERIVE',
    (a: { indicator: string; aggregate: string; kind: string }) =>
      `指标 ${a.indicator} 按 ${a.aggregate} 汇总，只能用于时点型（level）或比率型（rate）指标，实际为 ${a.kind}：平均数、最小值和最大值不能逐月累加`,
  ),
  deriveFlowWithoutDate: entry(
    'DATASET_DERIVE',
    (a: { indicator: string }) =>
      `累计型（flow）指标 ${a.indicator} 的派生口径须用 date 指明日期字段，才能把每行归入月份；按年度字段 year 或不分时间汇总的，只能是时点型（level）或比率型（rate）指标`,
  ),
  derivePlacedTwice: entry(
    'DATASET_DERIVE',
    (a: { indicator: string }) => `指标 ${a.indicator} 的派生口径同时写了日期字段 date 和年度字段 year，只能写一个`,
  ),
  deriveUnit: entry(
    'DATASET_DERIVE',
    (a: { indicator: string; field: string; fieldUnit: string; unit: string }) =>
      `指标 ${a.indicator} 的单位为 ${a.unit}，汇总字段 ${a.field} 的单位为 ${a.fieldUnit}，两者不能换算；请改用同一类单位（如 万元 与 亿元）`,
  ),
  deriveCountWithField: entry(
    'DATASET_DERIVE',
    (a: { indicator: string }) => `指标 ${a.indicator} 按 count 计数，不需要 field；请删去该字段或改用 sum`,
  ),
  deriveWhereValue: entry(
    'DATASET_DERIVE',
    (a: { indicator: string; field: string }) =>
      `指标 ${a.indicator} 的筛选条件 ${a.field} 应为一个值、非空的值列表、null（表示未填写）或 { not: null }（表示已填写）`,
  ),
  valueForDerived: entry(
    'DATASET_DERIVED_VALUE',
    (a: { indicator: string }) => `指标 ${a.indicator} 由台账派生，数值由系统计算，不能再填报；请删去这一条`,
  ),
  tooManyProblems: entry(
    'DATASET_TOO_MANY_PROBLEMS',
    (a: { count: number }) => `还有 ${a.count} 处问题未列出；请先改正以上问题再检查`,
  ),
} as const;

export type ProblemKey = keyof typeof PROBLEM_MESSAGES;
export type ProblemArgs<K extends ProblemKey> = Parameters<(typeof PROBLEM_MESSAGES)[K]['render']>[0];

/** Where a problem is: file, JSON Pointer and, when known, line and column. */
export interface ProblemPlace {
  file: string;
  path: string;
  line?: number | undefined;
  column?: number | undefined;
}

/** Builds a Problem from a catalogue entry; the only way problems are made. */
export function makeProblem<K extends ProblemKey>(place: ProblemPlace, key: K, args: ProblemArgs<K>): Problem {
  const { code, render } = PROBLEM_MESSAGES[key];
  const message = (render as (a: ProblemArgs<K>) => string)(args);
  const problem: Problem = { file: place.file, path: place.path, code, message };
  if (place.line !== undefined) problem.line = place.line;
  if (place.column !== undefined) problem.column = place.column;
  return problem;
}

/** Reasons for a file that cannot be read, by Node.js error code. */
const READ_FAILURES: Readonly<Record<string, string>> = {
  EACCES: '没有读取这个文件的权限',
  EPERM: '没有读取这个文件的权限',
  EISDIR: '这是一个文件夹，不是文件',
  EMFILE: '同时打开的文件太多，请稍后再试',
  EBUSY: '文件正被其他程序占用',
  EIO: '读取时出现磁盘错误',
};

/**
 * The problem for a dataset file that could not be read at all. Reading is the caller's
 * job (this package does no I/O); `reason` is the Node.js error code when there is one.
 */
export function fileProblem(kind: 'missing' | 'unreadable', file: string, reason?: string): Problem {
  const place = { file, path: '' };
  if (kind === 'missing') return makeProblem(place, 'fileMissing', { file });
  const why = reason === undefined ? '原因不明' : (READ_FAILURES[reason] ?? `系统错误 ${reason}`);
  return makeProblem(place, 'fileUnreadable', { file, reason: why });
}

/** One line for a terminal: `demo.yaml:12:5 /values/3/month 月份应为…（DATASET_RANGE）`. */
export function formatProblem(problem: Problem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  const path = problem.path === '' ? '' : ` ${problem.path}`;
  return `${where}${path} ${problem.message}（${problem.code}）`;
}
