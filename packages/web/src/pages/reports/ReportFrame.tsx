import { Button, Descriptions, Drawer, Table, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The report preview as the server renders it (packages/render/src/html.ts): a whole HTML
 * page in a sandboxed iframe — no scripts run in it, and the page's own styles cannot
 * reach the application's. Its markup is known:
 *
 * - a figure is `<a class="figure" id="fig-N" href="#prov-REF" title="…">`, its provenance
 *   the `<li id="prov-REF">` of the 数据来源 list: an `<h3>`, a `<dl>` of terms, and a
 *   table of the value rows behind it (or `<p class="none">`);
 * - a missing figure is `<a class="marker" href="#missing-REF">`, its row `<tr id="missing-REF">`
 *   of the 待填数据 table;
 * - every other link is a fragment link within the page.
 *
 * A click on a figure or marker opens its provenance in a drawer of the application; other
 * links scroll inside the frame. The frame itself never navigates.
 */

export interface ProvenanceView {
  kind: 'figure' | 'marker';
  /** the figure as printed */
  text: string;
  title: string;
  terms: { term: string; value: string }[];
  table: { columns: string[]; rows: string[][] } | undefined;
  note: string | undefined;
  /** the id of the entry in the frame, to show it there */
  anchor: string;
}

function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A cell's text without the back links (↑ 第1处) the appendix adds. */
function cellText(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  for (const link of Array.from(copy.querySelectorAll('a'))) link.remove();
  return text(copy);
}

function tableOf(table: Element | null): ProvenanceView['table'] {
  if (!table) return undefined;
  const columns = Array.from(table.querySelectorAll('thead th')).map(text);
  const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
    Array.from(tr.querySelectorAll('td')).map(text),
  );
  return { columns, rows };
}

/** The provenance of a figure, read from its entry of the 数据来源 list. */
export function figureProvenance(doc: Document, link: Element): ProvenanceView | undefined {
  const anchor = (link.getAttribute('href') ?? '').replace(/^#/, '');
  const entry = anchor ? doc.getElementById(anchor) : null;
  if (!entry) return undefined;
  const terms: ProvenanceView['terms'] = [];
  for (const dt of Array.from(entry.querySelectorAll('dl > dt'))) {
    const dd = dt.nextElementSibling;
    const term = text(dt);
    if (term === '正文位置' || !dd) continue;
    terms.push({ term, value: text(dd) });
  }
  return {
    kind: 'figure',
    text: text(link),
    title: text(entry.querySelector('h3')) || link.getAttribute('title') || '数据来源',
    terms,
    table: tableOf(entry.querySelector('table')),
    note: text(entry.querySelector('p.none')) || undefined,
    anchor,
  };
}

/** What a marker lacks, read from its row of the 待填数据 table. */
export function markerProvenance(doc: Document, link: Element): ProvenanceView | undefined {
  const anchor = (link.getAttribute('href') ?? '').replace(/^#/, '');
  const row = anchor ? doc.getElementById(anchor) : null;
  if (!row) return undefined;
  const headers = Array.from(row.closest('table')?.querySelectorAll('thead th') ?? []).map(text);
  const cells = Array.from(row.querySelectorAll('td')).map(cellText);
  const terms = headers
    .map((term, i) => ({ term, value: cells[i] ?? '' }))
    .filter((t) => t.term !== '序号' && t.term !== '待填内容');
  return { kind: 'marker', text: text(link), title: '待填数据', terms, table: undefined, note: undefined, anchor };
}

function ProvenanceDrawer({
  view,
  onClose,
  onShow,
}: {
  view: ProvenanceView | undefined;
  onClose(): void;
  onShow(): void;
}) {
  return (
    <Drawer
      open={Boolean(view)}
      onClose={onClose}
      size={640}
      title={view?.kind === 'marker' ? '待填数据' : '数据来源'}
      data-testid="provenance-drawer"
      extra={
        <Button size="small" onClick={onShow}>
          在附录中定位
        </Button>
      }
    >
      {view ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {view.kind === 'figure' ? view.title : view.text}
          </Typography.Title>
          {view.kind === 'figure' ? (
            <Typography.Paragraph>
              文中数字：<Typography.Text strong>{view.text}</Typography.Text>
            </Typography.Paragraph>
          ) : null}
          <Descriptions column={1} size="small" bordered data-testid="provenance-terms">
            {view.terms.map((t) => (
              <Descriptions.Item key={t.term} label={t.term}>
                {t.value || '—'}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {view.table && view.table.rows.length > 0 ? (
            <Table<{ key: number; cells: string[] }>
              style={{ marginTop: 16 }}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="provenance-rows"
              dataSource={view.table.rows.map((cells, key) => ({ key, cells }))}
              columns={view.table.columns.map((title, i) => ({
                title,
                key: String(i),
                render: (_: unknown, row: { cells: string[] }) => row.cells[i] ?? '',
              }))}
            />
          ) : null}
          {view.note ? <Typography.Paragraph type="secondary">{view.note}</Typography.Paragraph> : null}
        </>
      ) : null}
    </Drawer>
  );
}

/** The report page in a sandboxed frame; figures and markers open their provenance on click. */
export function ReportFrame({
  html,
  title,
  testId = 'report-frame',
}: {
  html: string;
  title: string;
  testId?: string;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [view, setView] = useState<ProvenanceView | undefined>(undefined);
  const scroll = useRef(0);
  const current = useRef<HTMLElement | null>(null);

  const showInFrame = useCallback((anchor: string) => {
    const doc = frame.current?.contentDocument;
    const target = doc?.getElementById(anchor);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    current.current?.style.removeProperty('outline');
    target.style.outline = '2px solid #1a5fb4';
    current.current = target;
  }, []);

  const onLoad = useCallback(() => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    // A re-rendered preview (the template being edited) keeps its place.
    doc.defaultView?.scrollTo(0, scroll.current);
    doc.defaultView?.addEventListener('scroll', () => {
      scroll.current = doc.defaultView?.scrollY ?? 0;
    });
    doc.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a');
      if (!link) return;
      event.preventDefault();
      const href = link.getAttribute('href') ?? '';
      if (!href.startsWith('#')) return;
      if (link.classList.contains('figure')) {
        const found = figureProvenance(doc, link);
        if (found) setView(found);
        else showInFrame(href.slice(1));
      } else if (link.classList.contains('marker')) {
        const found = markerProvenance(doc, link);
        if (found) setView(found);
        else showInFrame(href.slice(1));
      } else {
        showInFrame(href.slice(1));
      }
    });
  }, [showInFrame]);

  // A new document starts unselected.
  useEffect(() => {
    if (html) current.current = null;
  }, [html]);

  return (
    <>
      <iframe
        ref={frame}
        title={title}
        className="tz-report-frame"
        sandbox="allow-same-origin"
        srcDoc={html}
        onLoad={onLoad}
        data-testid={testId}
      />
      <ProvenanceDrawer
        view={view}
        onClose={() => setView(undefined)}
        onShow={() => {
          if (view) showInFrame(view.anchor);
          setView(undefined);
        }}
      />
    </>
  );
}
