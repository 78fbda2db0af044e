import type { Narrative } from '@taizhang/contract';

/**
 * A new narrative block's code: what a template's {% narrative 'code' %} can name and a
 * dataset can hold (a letter, then letters, digits, '_', '.', '-'; at most 64). The server
 * refuses any other; the form says so before sending.
 */
export const NARRATIVE_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * Why `code` cannot name a new block of the year applying from `through` (null: the whole
 * year), in Chinese, or null when it can: a block is one per code, year and `through`.
 */
export function newNarrativeCodeProblem(
  code: string,
  through: number | null,
  existing: readonly Narrative[],
): string | null {
  const trimmed = code.trim();
  if (trimmed === '') return '请填写叙述代码';
  if (!NARRATIVE_CODE.test(trimmed)) {
    return '代码应以英文字母开头，只含英文字母、数字、下划线（_）、点（.）和连字符（-），最多 64 个字符';
  }
  const taken = existing.find((b) => b.code === trimmed && (b.through ?? null) === through);
  if (taken) {
    const when = through === null ? '全年' : `${through}月起`;
    return `本年已有代码为 ${trimmed}、${when}适用的叙述段落「${taken.title ?? taken.code}」，请直接修改它或换一个代码`;
  }
  return null;
}

/** How a template places a block: the tag to paste into the report template. */
export function narrativeTag(code: string): string {
  return `{% narrative '${code.trim()}' %}`;
}
