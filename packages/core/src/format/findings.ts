import { makeProblem, type Problem, type ProblemArgs, type ProblemKey } from '../errors.js';
import type { LineIndex, NodeInfo, SourceDocument } from './source.js';

/**
 * The problems found in one file so far, each placed at a line and column of that file, and
 * the warnings: things worth a second look that do not stop the file from loading.
 */
export class Findings {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** the place of every node, once the file has been read into a tree */
  nodes: ReadonlyMap<string, NodeInfo> = new Map();

  constructor(
    readonly file: string,
    private readonly lines: LineIndex,
  ) {}

  atOffset<K extends ProblemKey>(path: string, offset: number | undefined, key: K, args: ProblemArgs<K>): void {
    this.problems.push(this.placed(path, offset, key, args));
  }

  /** A warning at a node of the value: reported beside a successful load, never a reason to refuse it. */
  warn<K extends ProblemKey>(path: string, key: K, args: ProblemArgs<K>): void {
    this.warnings.push(this.placed(path, this.nearest(path)?.offset, key, args));
  }

  private placed<K extends ProblemKey>(path: string, offset: number | undefined, key: K, args: ProblemArgs<K>) {
    const position = offset === undefined ? {} : this.lines.position(offset);
    return makeProblem({ file: this.file, path, ...position }, key, args);
  }

  /**
   * A problem at a node of the value. `place: 'key'` points at the field name rather than its
   * value (an unknown or duplicated field); a node the file lacks (a missing field) is placed
   * at its nearest ancestor that is written there.
   */
  at<K extends ProblemKey>(path: string, key: K, args: ProblemArgs<K>, place: 'value' | 'key' = 'value'): void {
    const info = this.nearest(path);
    const offset = place === 'key' && info?.keyOffset !== undefined ? info.keyOffset : info?.offset;
    this.atOffset(path, offset, key, args);
  }

  /** Takes the tree read from the file: its node places, and a problem for every key written twice. */
  adopt(doc: SourceDocument): void {
    this.nodes = doc.nodes;
    for (const duplicate of doc.duplicates) {
      this.atOffset(duplicate.path, duplicate.keyOffset, 'duplicateKey', {
        key: duplicate.key,
        firstLine: this.lines.position(duplicate.firstKeyOffset).line,
      });
    }
  }

  /** Line of a node, for messages that point back at a first occurrence. */
  lineOf(path: string): number | undefined {
    const offset = this.nearest(path)?.offset;
    return offset === undefined ? undefined : this.lines.position(offset).line;
  }

  private nearest(path: string): NodeInfo | undefined {
    for (let current = path; ; current = current.slice(0, current.lastIndexOf('/'))) {
      const info = this.nodes.get(current);
      if (info !== undefined || current === '') return info;
    }
  }
}

/** Every path with a problem at or below it: a field there is doubtful, and no rule should read it. */
export function taintedPaths(paths: readonly string[]): Set<string> {
  const tainted = new Set<string>();
  for (const path of paths) {
    for (let current = path; !tainted.has(current); current = current.slice(0, current.lastIndexOf('/'))) {
      tainted.add(current);
      if (current === '') break;
    }
  }
  return tainted;
}
