import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { SYNTAX_HINTS, YAML_SYNTAX_REASONS, yamlSyntaxReason } from '../errors.js';
import type { Findings } from './findings.js';
import { type LineIndex, MAX_DEPTH, type SourceEntry, type SourceNode } from './source.js';

/**
 * Aliases (*name) expanded per file at most; each expansion copies its anchored node, so
 * without a bound a few lines of nested aliases ("billion laughs") would exhaust memory.
 */
const MAX_ALIAS_EXPANSIONS = 1000;

/**
 * Reads YAML 1.2 (core schema: `yes` and 2021-11-05 stay text) into a SourceNode tree. Syntax
 * errors are reported to `findings` and the result is then undefined, since the rest of a
 * broken document cannot be trusted; it is null when the document has no content at all.
 */
export function readYaml(text: string, lines: LineIndex, findings: Findings): SourceNode | null | undefined {
  // Duplicate keys are found by flatten(), for YAML and JSON alike, with the first key's line.
  const doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    // The parser may explain one slip twice from the same place; the first explanation is the one to read.
    const seen = new Set<number>();
    for (const error of doc.errors) {
      const offset = error.pos[0];
      if (seen.has(offset)) continue;
      seen.add(offset);
      const reason = withHint(
        yamlSyntaxReason(error.code, error.message) ?? `无法解析（${error.message}）`,
        lines,
        offset,
      );
      findings.atOffset('', offset, 'yamlSyntax', { reason });
    }
    return undefined;
  }
  if (doc.contents === null) return null;
  const converter = new Converter(doc, text, findings);
  const root = converter.convert(doc.contents, 0);
  return converter.failed ? undefined : root;
}

/** Adds the hint for the commonest slips of typing YAML with a Chinese input method. */
function withHint(reason: string, lines: LineIndex, offset: number): string {
  const line = lines.lineText(lines.position(offset).line);
  if (line.includes('：')) return `${reason}。${SYNTAX_HINTS.fullWidthColon}`;
  if (/^\s*(?:- )?[A-Za-z_$][\w$]*:[^\s]/.test(line)) return `${reason}。${SYNTAX_HINTS.noSpaceAfterColon}`;
  return reason;
}

class Converter {
  failed = false;
  private expansions = 0;
  /** collections being converted, to refuse an alias that points at one of its ancestors */
  private readonly ancestors = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly findings: Findings,
  ) {}

  convert(node: Node, depth: number): SourceNode {
    const offset = node.range?.[0] ?? 0;
    if (depth > MAX_DEPTH) return this.fail(offset, YAML_SYNTAX_REASONS.RESOURCE_EXHAUSTION);
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target === undefined) return this.fail(offset, YAML_SYNTAX_REASONS.BAD_ALIAS);
      if (this.ancestors.has(target)) {
        this.failed = true;
        this.findings.atOffset('', offset, 'aliasCycle', { alias: node.source });
        return { kind: 'scalar', offset, value: null };
      }
      if (++this.expansions > MAX_ALIAS_EXPANSIONS) {
        return this.fail(offset, YAML_SYNTAX_REASONS.RESOURCE_EXHAUSTION);
      }
      // The alias's own place stands for the whole copy: that is where the reader wrote it.
      return { ...this.convert(target, depth + 1), offset };
    }
    if (isScalar(node)) return this.scalar(node.value, offset, node.range?.[1] ?? offset);
    this.ancestors.add(node);
    try {
      if (isSeq(node)) {
        const items = node.items.map((item) =>
          item === null ? { kind: 'scalar' as const, offset, value: null } : this.convert(item as Node, depth + 1),
        );
        return { kind: 'seq', offset, items };
      }
      if (isMap(node)) return { kind: 'map', offset, entries: this.entries(node.items, depth) };
    } finally {
      this.ancestors.delete(node);
    }
    return { kind: 'scalar', offset, value: null };
  }

  private entries(pairs: readonly { key: unknown; value: unknown }[], depth: number): SourceEntry[] {
    const entries: SourceEntry[] = [];
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const keyOffset = keyNode?.range?.[0] ?? 0;
      let key: string;
      if (keyNode === null) key = '';
      else if (isScalar(keyNode)) key = String(keyNode.value);
      else {
        this.failed = true;
        this.findings.atOffset('', keyOffset, 'complexKey', {});
        continue;
      }
      const valueNode = pair.value as Node | null;
      // "key:" with nothing after it is an empty value, placed at its key.
      const value: SourceNode =
        valueNode === null ? { kind: 'scalar', offset: keyOffset, value: null } : this.convert(valueNode, depth + 1);
      entries.push({ key, keyOffset, value });
    }
    return entries;
  }

  private scalar(value: unknown, offset: number, end: number): SourceNode {
    if (typeof value === 'number') {
      // The text as written, so that 12.30 stays "12.30" and 1e3 can be refused by name.
      return { kind: 'scalar', offset, value, literal: this.text.slice(offset, end) };
    }
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) {
      return { kind: 'scalar', offset, value };
    }
    return { kind: 'scalar', offset, value: String(value) };
  }

  private fail(offset: number, reason: string): SourceNode {
    this.failed = true;
    this.findings.atOffset('', offset, 'yamlSyntax', { reason });
    return { kind: 'scalar', offset, value: null };
  }
}
