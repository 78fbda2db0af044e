import type { MissingFigure, Provenance } from './document.js';
import { type NumberStyle, SEED_STYLE } from './format.js';

/**
 * Figures and markers travel through the Liquid output as tokens of private-use
 * characters around an index (U+E000 n U+E001 for a figure, U+E002 n U+E003 for a
 * marker), so that after rendering each printed figure can be told apart from the text
 * around it and linked to where it came from. A template cannot forge one: the
 * characters are stripped from template text before rendering.
 */
export const FIGURE_OPEN = '\uE000';
export const FIGURE_CLOSE = '\uE001';
export const MARKER_OPEN = '\uE002';
export const MARKER_CLOSE = '\uE003';
export const TOKEN_CHARS = /[\uE000-\uE003]/g;
export const TOKEN_PATTERN = /\uE000(\d+)\uE001|\uE002(\d+)\uE003/g;

/** The token that stands for provenance entry `ref` in the rendered text. */
export function figureToken(ref: number): string {
  return `${FIGURE_OPEN}${ref}${FIGURE_CLOSE}`;
}

/** Collects what a report printed: each distinct figure once, each distinct gap once. */
export class Registry {
  readonly provenance: Provenance[] = [];
  readonly missing: MissingFigure[] = [];
  /** how printed figures write their numbers: the seed's, unless the template declares another */
  style: Readonly<NumberStyle> = SEED_STYLE;
  private readonly figureKeys = new Map<string, number>();
  private readonly missingKeys = new Map<string, number>();

  /** The token for a figure; the same figure printed twice shares one provenance entry. */
  figure(key: string, make: (ref: number) => Provenance): string {
    return figureToken(this.figureRef(key, make));
  }

  /** A figure's provenance entry, made on first use. */
  figureRef(key: string, make: (ref: number) => Provenance): number {
    let ref = this.figureKeys.get(key);
    if (ref === undefined) {
      ref = this.provenance.length;
      this.provenance.push(make(ref));
      this.figureKeys.set(key, ref);
    }
    return ref;
  }

  /** The token for a marker (【待填：…】); one entry per distinct gap. */
  marker(key: string, make: (ref: number) => MissingFigure): string {
    let ref = this.missingKeys.get(key);
    if (ref === undefined) {
      ref = this.missing.length;
      this.missing.push(make(ref));
      this.missingKeys.set(key, ref);
    }
    return `${MARKER_OPEN}${ref}${MARKER_CLOSE}`;
  }
}
