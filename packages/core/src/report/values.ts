import { Drop } from 'liquidjs';
import { Decimal, decimalPlaces } from '../arithmetic/decimal.js';
import type { Provenance } from './document.js';
import { styleNumbers } from './format.js';
import { figureToken, type Registry } from './registry.js';

/**
 * The values a report template computes with. A figure filter (`'fai' | ytd`) gives a
 * TemplateFigure: its exact value, unit and printing, and where it comes from. It prints as
 * the token that links it to its provenance, and compares exactly (LiquidJS calls `lt`, `gt`,
 * `equals` … for `<`, `>`, `==`), so `{% if g < 0 %}` on −1.2 takes the negative branch. A
 * figure that cannot be given is a TemplateGap: it prints its marker, and any test of it is
 * false and leaves the marker owed (`taizhang check`, `--strict`).
 */

/** What a figure's provenance says of it, but its ref, printed text, exact value and inputs. */
export type FigureOrigin = Omit<Provenance, 'ref' | 'text' | 'exact' | 'inputs'>;

/** Units are compared only when both sides name one; a bare number takes the figure's. */
export function sameUnit(a: string, b: string): boolean {
  return a === '' || b === '' || a === b;
}

export class TemplateFigure extends Drop {
  constructor(
    private readonly registry: Registry,
    readonly exact: Decimal,
    /** 亿元, 个, ％ (rates, shares, growth and percentage points); '' when it has none */
    readonly unit: string,
    /** places it prints with */
    readonly decimals: number,
    private readonly printer: (value: Decimal) => string,
    readonly origin: FigureOrigin,
    /** what makes two figures the same entry of the provenance */
    readonly key: string,
    readonly inputs: readonly TemplateFigure[] = [],
  ) {
    super();
  }

  get text(): string {
    return this.printer(this.exact);
  }

  /** How a computed figure's formula names this one: 固定资产投资累计. */
  get term(): string {
    return `${this.origin.indicator.name}${this.origin.measureLabel}`;
  }

  /** Its provenance entry, and its inputs' before it, made when first printed. */
  ref(): number {
    const inputs = this.inputs.map((input) => input.ref());
    const text = styleNumbers(this.text, this.registry.style);
    return this.registry.figureRef(`${this.key}|${text}`, (ref) => ({
      ref,
      ...this.origin,
      text,
      exact: this.exact.toFixed(),
      ...(inputs.length === 0 ? {} : { inputs }),
    }));
  }

  override valueOf(): string {
    return figureToken(this.ref());
  }

  override toString(): string {
    return this.valueOf();
  }

  /** A figure made from this one alone (in other units, approximated): its provenance lists this one as its input. */
  derive(how: {
    value: Decimal;
    unit: string;
    decimals: number;
    text: (value: Decimal) => string;
    measure: string;
    label: string;
  }): TemplateFigure {
    return new TemplateFigure(
      this.registry,
      how.value,
      how.unit,
      how.decimals,
      how.text,
      {
        ...this.origin,
        indicator: { ...this.origin.indicator, unit: how.unit },
        measure: `${this.origin.measure}|${how.measure}`,
        measureLabel: `${this.origin.measureLabel}（${how.label}）`,
      },
      `${this.key}|${how.measure}`,
      [this],
    );
  }

  equals(other: unknown): boolean {
    if (other instanceof TemplateGap) return other.test();
    const value = comparand(this, other, '==');
    return value !== undefined && this.exact.equals(value);
  }
  gt(other: unknown): boolean {
    return this.order(other, '>', (v) => this.exact.greaterThan(v));
  }
  geq(other: unknown): boolean {
    return this.order(other, '>=', (v) => this.exact.greaterThanOrEqualTo(v));
  }
  lt(other: unknown): boolean {
    return this.order(other, '<', (v) => this.exact.lessThan(v));
  }
  leq(other: unknown): boolean {
    return this.order(other, '<=', (v) => this.exact.lessThanOrEqualTo(v));
  }

  private order(other: unknown, operator: string, test: (value: Decimal) => boolean): boolean {
    if (other instanceof TemplateGap) return other.test();
    const value = comparand(this, other, operator);
    if (value === undefined) throw new Error(`不能用 ${operator} 比较数字${this.term}与${describe(other)}`);
    return test(value);
  }
}

/** A figure that cannot be given: prints its marker; every comparison with it is false and owes it. */
export class TemplateGap extends Drop {
  constructor(private readonly mark: () => string) {
    super();
  }

  override valueOf(): string {
    return this.mark();
  }

  override toString(): string {
    return this.mark();
  }

  /** Undecidable without the figure: registered as owed, and false. */
  test(): false {
    this.mark();
    return false;
  }

  equals(): boolean {
    return this.test();
  }
  gt(): boolean {
    return this.test();
  }
  geq(): boolean {
    return this.test();
  }
  lt(): boolean {
    return this.test();
  }
  leq(): boolean {
    return this.test();
  }
}

/** A bare number of the template (`100000`, `0.5`) as an exact decimal, with the places it was written with. */
export function bareNumber(value: number): { value: Decimal; decimals: number } {
  if (!Number.isFinite(value)) throw new Error(`数字 ${value} 不是有限数`);
  const exact = new Decimal(value);
  return { value: exact, decimals: decimalPlaces(exact.toFixed()) };
}

/** The other side of a comparison with `figure`, exactly; undefined when it is not a number. */
function comparand(figure: TemplateFigure, other: unknown, operator: string): Decimal | undefined {
  if (other instanceof TemplateFigure) {
    if (!sameUnit(figure.unit, other.unit)) {
      throw new Error(
        `不能用 ${operator} 比较单位不同的数字：${figure.term}（${figure.unit}）与${other.term}（${other.unit}）`,
      );
    }
    return other.exact;
  }
  if (typeof other === 'number') return bareNumber(other).value;
  return undefined;
}

/** How a message names a template value. */
export function describe(value: unknown): string {
  if (value instanceof TemplateFigure) return `数字${value.term}`;
  if (value instanceof TemplateGap) return '缺数的数字';
  if (typeof value === 'string') return `文字 '${value}'`;
  if (value === null || value === undefined) return '空值';
  if (Array.isArray(value)) return '列表';
  return String(value);
}
