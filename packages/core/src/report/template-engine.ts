import {
  type Context,
  type Emitter,
  ForTag,
  Liquid,
  LiquidError,
  type Parser,
  TablerowTag,
  type TagToken,
  type Template,
  type TopLevelToken,
  toValue,
} from 'liquidjs';
import { TOKEN_CHARS } from './registry.js';

/**
 * The template language's machinery, apart from what it says: a LiquidJS engine that can
 * read nothing but what it is given, the budget that bounds one render, and the translation
 * of its failures into TemplateErrors naming the line. The words (filters and tags) are
 * registered by the families under filters/.
 */

/** A template that cannot be rendered: bad syntax, an unknown variable, filter or indicator code. */
export class TemplateError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    readonly line?: number | undefined,
    readonly column?: number | undefined,
    /** a limit of TEMPLATE_LIMITS was reached: the whole render stops, whatever part reached it */
    readonly limit = false,
  ) {
    super(
      `${source}${line === undefined ? '' : ` 第${line}行${column === undefined ? '' : `第${column}列`}`}：${reason}`,
    );
    this.name = 'TemplateError';
  }
}

/**
 * The budget of one report render (模板渲染预算): what a template, with the narratives and
 * progress texts it brings in, may consume before it is refused with a TemplateError naming
 * the limit. The bureau's report uses a small fraction of each; the limits keep a mistaken or
 * hostile template (`{% for i in (1..800000) %}`) to seconds and megabytes of the worker that
 * renders it, so it cannot take the server down. docs/report-template.md, "Limits" (上限).
 */
export const TEMPLATE_LIMITS = {
  /** characters of one template, narrative or progress text, checked before it is parsed (LiquidJS parseLimit) */
  templateChars: 1_000_000,
  /** iterations of {% for %} and {% tablerow %} bodies in total, nested loops and narratives included */
  loopIterations: 100_000,
  /**
   * characters written in total (2 MB): text captured with {% capture %} or rendered by a
   * narrative counts each time it is written, so a nested part counts twice
   */
  outputChars: 2 * 1024 * 1024,
  /** milliseconds of rendering, one deadline shared with the narratives rendered within (LiquidJS renderLimit) */
  renderMs: 5_000,
  /**
   * string characters and array items that LiquidJS creates (ranges, append, split, concat…),
   * counted before they are created, so `(1..800000000)` is refused without being built (LiquidJS memoryLimit)
   */
  allocations: 2_000_000,
  /** narratives and progress texts rendered within one another (a narrative that names itself) */
  nesting: 10,
} as const;

/** One limit of TEMPLATE_LIMITS reached; the message names it, and the render's line is added. */
class LimitExceeded extends Error {}

const limitMessages = {
  loop: () => `模板循环次数超过上限 ${TEMPLATE_LIMITS.loopIterations} 次`,
  output: () =>
    `模板输出超过上限 ${TEMPLATE_LIMITS.outputChars / 1024 / 1024} MB（${TEMPLATE_LIMITS.outputChars} 个字符）`,
  time: () => `模板渲染超过时限 ${TEMPLATE_LIMITS.renderMs / 1000} 秒`,
  allocations: () =>
    `模板生成的文字和列表超过上限 ${TEMPLATE_LIMITS.allocations} 个字符或项（范围 (a..b) 过大，或反复拼接）`,
  parse: () => `模板长度超过上限 ${TEMPLATE_LIMITS.templateChars} 个字符`,
  nesting: () => `叙述或进展表述层层嵌套超过 ${TEMPLATE_LIMITS.nesting} 层（是否引用了自身？）`,
};

/** What one render has used of TEMPLATE_LIMITS, beyond what LiquidJS counts itself. */
class RenderBudget {
  iterations = 0;
  output = 0;
  depth = 0;
  /** the bodies of loops, whose every rendering is one iteration */
  readonly loopBodies = new WeakSet<Template[]>();
  /** texts parsed once per render, however often a loop brings a narrative in */
  readonly parsed = new Map<string, Template[]>();
}

/** An emitter that counts every character written into the render's output budget. */
class CountedEmitter implements Emitter {
  buffer = '';
  constructor(private readonly budget: RenderBudget) {}

  write(html: unknown): void {
    const text = stringify(html);
    this.budget.output += text.length;
    if (this.budget.output > TEMPLATE_LIMITS.outputChars) throw new LimitExceeded(limitMessages.output());
    this.buffer += text;
  }
}

/** As LiquidJS prints a value: arrays joined, nothing for null. */
function stringify(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(stringify).join('');
  return String(v);
}

/**
 * A Liquid engine that can read nothing but what it is given: no file system (include,
 * render and layout are refused), own properties only, strict about every name, and
 * bounded by TEMPLATE_LIMITS so a template cannot hang the server or exhaust its memory.
 */
function createLiquid(budget: RenderBudget): Liquid {
  const liquid = new Liquid({
    templates: {},
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    dynamicPartials: false,
    relativeReference: false,
    parseLimit: TEMPLATE_LIMITS.templateChars,
    renderLimit: TEMPLATE_LIMITS.renderMs,
    memoryLimit: TEMPLATE_LIMITS.allocations,
  });
  for (const tag of ['include', 'render', 'layout', 'block']) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`模板不能引用其他文件（${tag}）`);
      },
      render() {
        return '';
      },
    });
  }
  // LiquidJS checks its time limit only between templates and counts no iterations or output.
  // Every loop body and every emitter passes through renderTemplates, so that is where the
  // iterations are counted (an empty body too) and where each output gets a counting emitter.
  class CountedFor extends ForTag {
    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid, parser: Parser) {
      super(token, remain, engine, parser);
      budget.loopBodies.add(this.templates);
    }
  }
  class CountedTablerow extends TablerowTag {
    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid, parser: Parser) {
      super(token, remain, engine, parser);
      budget.loopBodies.add(this.templates);
    }
  }
  liquid.registerTag('for', CountedFor);
  liquid.registerTag('tablerow', CountedTablerow);
  const renderer = liquid.renderer;
  const renderTemplates = renderer.renderTemplates.bind(renderer);
  renderer.renderTemplates = function* (templates: Template[], context: Context, emitter?: Emitter) {
    if (budget.loopBodies.has(templates) && ++budget.iterations > TEMPLATE_LIMITS.loopIterations) {
      throw new LimitExceeded(limitMessages.loop());
    }
    return yield* renderTemplates(templates, context, emitter ?? new CountedEmitter(budget));
  };
  return liquid;
}

const LIQUID_POSITION = /,? ?line:\d+, col:\d+.*$/s;
/** LiquidJS's own limits (time, allocations, parse length), as its messages name them. */
const LIQUID_LIMITS = /^(template render|memory alloc|parse length) limit exceeded$/;

/** Renders template text; any failure becomes a TemplateError naming `source` and the line. */
function renderText(liquid: Liquid, budget: RenderBudget, text: string, scope: object, source: string): string {
  return translated(source, () => liquid.renderSync(parsed(liquid, budget, text), scope));
}

/** The text parsed, once per render however often a loop brings it in. */
function parsed(liquid: Liquid, budget: RenderBudget, text: string): Template[] {
  let templates = budget.parsed.get(text);
  if (!templates) {
    templates = liquid.parse(text.replace(TOKEN_CHARS, ''));
    budget.parsed.set(text, templates);
  }
  return templates;
}

/** Runs a parse or render; any failure becomes a TemplateError naming `source` and the line. */
function translated<T>(source: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    if (error instanceof LiquidError) {
      const [line, column] = error.token?.getPosition() ?? [];
      const inner = error.originalError instanceof TemplateError ? error.originalError : undefined;
      if (inner) throw inner;
      const message = (error.originalError?.message ?? error.message).replace(LIQUID_POSITION, '');
      const limit = error.originalError instanceof LimitExceeded || LIQUID_LIMITS.test(message);
      throw new TemplateError(source, translate(message), line, column, limit);
    }
    const message = error instanceof Error ? error.message : String(error);
    const limit = error instanceof LimitExceeded || LIQUID_LIMITS.test(message);
    throw new TemplateError(source, translate(message), undefined, undefined, limit);
  }
}

/** LiquidJS's messages in the words of the office that edits templates. */
function translate(message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^template render limit exceeded$/, limitMessages.time],
    [/^memory alloc limit exceeded$/, limitMessages.allocations],
    [/^parse length limit exceeded$/, limitMessages.parse],
    [/^undefined variable: (.+)$/, (m) => `未定义的变量 ${m[1]}`],
    [/^undefined filter: (.+)$/, (m) => `未知的过滤器 ${m[1]}`],
    [/^tag "?([^"]+)"? not found$/, (m) => `未知的标签 ${m[1]}`],
    [/^output "(.+)" not closed$/, (m) => `输出 ${m[1]} 没有闭合（缺少 }}）`],
    [/^tag "(.+)" not closed$/, (m) => `标签 ${m[1]} 没有闭合（缺少 %}）`],
    [/^tag (.+) not closed$/, (m) => `标签 ${m[1]} 没有结束标签`],
    [/^raw ".*" not closed$/s, () => '标签 raw 没有结束标签（缺少 {% endraw %}）'],
    [/^invalid value expression: "(.*)"$/s, (m) => (m[1] === '' ? '缺少表达式' : `表达式 ${m[1]} 写法不对`)],
  ];
  for (const [pattern, say] of rules) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}

/** What a filter sees of its call site: LiquidJS binds `this` to the filter token. */
export interface FilterImpl {
  token: { getPosition(): number[] };
}

/** The template line a filter was called from. */
export const lineOf = (impl: FilterImpl): number => impl.token.getPosition()[0] ?? 0;

/** One render's engine and budget: the template, and every narrative or progress text it brings in. */
export class TemplateRenderer {
  readonly budget = new RenderBudget();
  readonly liquid = createLiquid(this.budget);

  /** Renders template text; any failure becomes a TemplateError naming `source` and the line. */
  render(text: string, scope: object, source: string): string {
    return renderText(this.liquid, this.budget, text, scope, source);
  }

  /**
   * Parses the text ahead of its render, so that what it declares (`number_style`) holds for
   * the variables it is rendered with; refuses it as render would.
   */
  prepare(text: string, source: string): void {
    translated(source, () => parsed(this.liquid, this.budget, text));
  }

  /**
   * A narrative or progress text rendered where its tag stands: in a context that shares the
   * render's deadline and allocation count, within the nesting limit.
   */
  nested(text: string, context: Context, scope: object, source: string): string {
    if (this.budget.depth >= TEMPLATE_LIMITS.nesting) throw new LimitExceeded(limitMessages.nesting());
    this.budget.depth++;
    try {
      return renderText(this.liquid, this.budget, text, context.spawn(scope), source);
    } finally {
      this.budget.depth--;
    }
  }
}
