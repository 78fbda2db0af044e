/** A section (股室) and the items of a list that belong to it. */
export interface SectionGroup<T> {
  code: string;
  name: string;
  items: T[];
}

/** Items grouped by their section, sections in the order they first appear, items in list order. */
export function groupBySection<T extends { section: { code: string; name: string } }>(
  items: readonly T[],
): SectionGroup<T>[] {
  const groups = new Map<string, SectionGroup<T>>();
  for (const item of items) {
    const group = groups.get(item.section.code) ?? { code: item.section.code, name: item.section.name, items: [] };
    group.items.push(item);
    groups.set(item.section.code, group);
  }
  return [...groups.values()];
}
