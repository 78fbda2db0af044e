/**
 * The parsed file as one tree, whichever syntax it was written in: YAML and JSON readers both
 * produce SourceNodes, so locating problems and reading number literals work the same way.
 */

/** A node of the file, with the offset (in UTF-16 units) where it was written. */
export type SourceNode =
  | { kind: 'map'; offset: number; entries: SourceEntry[] }
  | { kind: 'seq'; offset: number; items: SourceNode[] }
  /** `literal` is a number's text exactly as written (12.30, 1e3), so no float ever rounds it. */
  | { kind: 'scalar'; offset: number; value: string | number | boolean | null; literal?: string };

export interface SourceEntry {
  key: string;
  keyOffset: number;
  value: SourceNode;
}

/** Where a node of the plain value was written, by JSON Pointer. */
export interface NodeInfo {
  offset: number;
  /** for a mapping entry: where its key was written */
  keyOffset?: number;
  literal?: string;
}

/** A key written twice in one mapping: the first is kept, the second reported. */
export interface DuplicateKey {
  path: string;
  key: string;
  keyOffset: number;
  firstKeyOffset: number;
}

/** The file as a plain value (what the JSON Schema validates) and the place of every node. */
export interface SourceDocument {
  value: unknown;
  nodes: Map<string, NodeInfo>;
  duplicates: DuplicateKey[];
}

/** Deepest nesting a reader accepts; a dataset needs five levels, this only stops stack overflows. */
export const MAX_DEPTH = 200;

/** One JSON Pointer segment (RFC 6901), escaped as ajv escapes instance paths. */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function flatten(root: SourceNode): SourceDocument {
  const nodes = new Map<string, NodeInfo>();
  const duplicates: DuplicateKey[] = [];

  const visit = (node: SourceNode, path: string, info: NodeInfo): unknown => {
    nodes.set(path, info);
    switch (node.kind) {
      case 'scalar':
        if (node.literal !== undefined) info.literal = node.literal;
        return node.value;
      case 'seq':
        return node.items.map((item, index) => visit(item, `${path}/${index}`, { offset: item.offset }));
      case 'map': {
        // No prototype: a key such as "__proto__" must stay an ordinary (unknown) field.
        const object: Record<string, unknown> = Object.create(null);
        const firstOffsets = new Map<string, number>();
        for (const { key, keyOffset, value } of node.entries) {
          const childPath = `${path}/${pointerSegment(key)}`;
          const firstKeyOffset = firstOffsets.get(key);
          if (firstKeyOffset !== undefined) {
            duplicates.push({ path: childPath, key, keyOffset, firstKeyOffset });
            continue;
          }
          firstOffsets.set(key, keyOffset);
          object[key] = visit(value, childPath, { offset: value.offset, keyOffset });
        }
        return object;
      }
    }
  };

  const value = visit(root, '', { offset: root.offset });
  return { value, nodes, duplicates };
}

/** Line and column (1-based) of offsets in a text; CR, LF and CRLF each end a line. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? undefined : next).replace(/\r?\n$|\r$/, '');
  }
}
