/**
 * The page of GB/T 9704-2012 (党政机关公文格式) in the units a DOCX speaks: twips (1/20 pt,
 * 1/1440 inch) for lengths, half-points for font sizes. Every number is derived from the
 * clause it comes from, so a reader can check it against the standard.
 */

/** Twips in one millimetre: 1440 twips per inch, 25.4 mm per inch. */
const TWIPS_PER_MM = 1440 / 25.4;

export const mm = (millimetres: number): number => Math.round(millimetres * TWIPS_PER_MM);

/** §5.2.1: A4, 210 mm × 297 mm — Word's own A4 size in twips. */
export const PAGE_WIDTH = 11906;
export const PAGE_HEIGHT = 16838;

/**
 * §5.2.2 (版心): the text block is 156 mm × 225 mm, its top edge 37 mm from the top of the
 * page and its left edge 28 mm from the left; the right and bottom margins are what remains.
 */
export const MARGIN_TOP = mm(37);
export const MARGIN_LEFT = mm(28);
export const MARGIN_RIGHT = mm(26);
export const MARGIN_BOTTOM = mm(35);
export const TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
export const TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;

/** §5.2.4 (行数和字数): 22 lines a page, 28 characters a line. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** §7.1 and §7.3.2: title in 2号 (22 pt), body in 3号 (16 pt); §7.5 page numbers in 4号 (14 pt). */
export const TITLE_HALF_POINTS = 44;
export const BODY_HALF_POINTS = 32;
export const PAGE_NUMBER_HALF_POINTS = 28;

/**
 * The line pitch, rounded down so that 22 lines fit the 225 mm block: 579 twips (28.95 pt),
 * the value of the usual 公文 templates. Rounding up (580) would push the 22nd line onto the
 * next page.
 */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);

/** The character pitch in points that puts exactly 28 characters on a line. */
const CHAR_PITCH_POINTS = TEXT_WIDTH / 20 / CHARS_PER_LINE;

/**
 * w:docGrid w:charSpace: how far the character pitch differs from the default font size
 * (16 pt), in 4096ths of a point (ECMA-376 §17.6.5). Negative, because 28 characters of
 * 16 pt (448 pt) are a little wider than 156 mm (442 pt). Rounded down so the 28th
 * character still fits — −842, as in the usual templates.
 */
export const CHAR_SPACE = Math.floor((CHAR_PITCH_POINTS - BODY_HALF_POINTS / 2) * 4096);

/**
 * Character spacing of all text, in twips (w:spacing in w:rPr): condensed just enough that
 * 28 characters of 16 pt fit the line, −5 (0.25 pt, 紧缩0.25磅). This, not a character grid,
 * is what puts 28 characters on a line: LibreOffice (7.4, Debian 12) gives every character
 * wider than a grid cell two cells, so a 15.79 pt grid sets 14 characters a line there,
 * while Word, WPS and LibreOffice all set condensed text the same way.
 */
export const CHARACTER_SPACING = -Math.ceil((BODY_HALF_POINTS / 2 - CHAR_PITCH_POINTS) * 20);

/** Two characters on the grid, in twips: the first-line indent of body text (§7.3.3, 段首空二字). */
export const TWO_CHARS = Math.round(2 * CHAR_PITCH_POINTS * 20);

/**
 * §7.5 (页码): the dash line of the page number sits 7 mm below the text block. The footer
 * distance in Word is measured from the bottom of the page to the bottom of the footer's
 * line, so it is the bottom margin less 7 mm less one 4号 line (set exact at 14 pt).
 */
export const PAGE_NUMBER_LINE = PAGE_NUMBER_HALF_POINTS * 10;
export const FOOTER_DISTANCE = MARGIN_BOTTOM - mm(7) - PAGE_NUMBER_LINE;

/** §7.5: 单页码居右空一字，双页码居左空一字 — one 4号 character from the edge of the text block. */
export const PAGE_NUMBER_INDENT = PAGE_NUMBER_HALF_POINTS * 10;

/**
 * The fonts the standard names (§3.1 and §7), as Word and WPS know them, each with the name
 * a machine without the GB2312 edition usually has, which Word tries next (w:altName).
 */
export const FONTS = {
  /** 小标宋体: the title. */
  title: { name: '方正小标宋简体', altName: '宋体' },
  /** 仿宋体: the body and heading levels 3 and 4. */
  body: { name: '仿宋_GB2312', altName: '仿宋' },
  /** 黑体: heading level 1 (一、). */
  heading1: { name: '黑体', altName: 'SimHei' },
  /** 楷体: heading level 2 (（一）). */
  heading2: { name: '楷体_GB2312', altName: '楷体' },
  /** 宋体: the page numbers. */
  pageNumber: { name: '宋体', altName: 'SimSun' },
} as const;
