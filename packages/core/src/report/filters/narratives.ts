import { type Context, type Emitter, type Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import type { ReportScope } from '../scope.js';

/** {% narrative 'key' %}: the latest block of that key for the period, rendered in the same context. */
export function registerNarratives(liquid: Liquid, scope: ReportScope): void {
  const { input } = scope;
  class NarrativeTag extends Tag {
    private readonly key: string;
    private readonly line: number;

    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid) {
      super(token, remain, engine);
      const match = /^\s*(['"])([A-Za-z][A-Za-z0-9_.-]*)\1\s*$/.exec(token.args);
      if (!match) throw new Error(`narrative 标签应写作 {% narrative '代码' %}，实际为 ${token.args.trim()}`);
      this.key = match[2] as string;
      this.line = token.getPosition()[0] ?? 0;
    }

    render(context: Context, emitter: Emitter): void {
      const chosen = input.narratives
        .filter((n) => n.key === this.key && n.year === input.year && (n.through ?? 0) <= input.through)
        .sort((a, b) => (b.through ?? 0) - (a.through ?? 0))[0];
      if (chosen) {
        emitter.write(scope.renderer.nested(chosen.text, context, context.getAll(), `叙述 ${chosen.key}`));
        return;
      }
      const known = input.narratives.find((n) => n.key === this.key);
      const sectionName = known?.sectionName ?? '办公室';
      const name = known?.title ?? this.key;
      emitter.write(
        scope.ledgerMarker({
          text: `【待填：叙述 ${name}（${sectionName}）】`,
          subject: this.key,
          subjectName: name,
          section: known?.section ?? '',
          sectionName,
          reason: '未填写叙述',
          line: this.line,
        }),
      );
    }
  }
  liquid.registerTag('narrative', NarrativeTag);
}
