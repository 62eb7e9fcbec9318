import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComparisonTable as Table, Stance } from '../lib/schema';
import { tableDateText } from './dates';
import { STANCE_LABEL, STANCE_MARK } from './kinds';
import { signalIcon } from './signals';
import { isHttpUrl } from '../lib/url';

type Column = Table['columns'][number];
type Cell = Table['rows'][number]['cells'][string];

interface Active {
  row: number;
  column: string;
  left: number;
  top: number;
  above: boolean;
  /** The room on that side: a long quote scrolls inside it rather than running off the window. */
  maxHeight: number;
}

const TOOLTIP_ID = 'comparison-quote';

/** The words under a value: how the source stands, in text as well as a symbol. */
function stanceWords(column: Column, cell: Cell | undefined): { mark: string; text: string } | null {
  const stance: Stance = cell?.stance ?? 'not-mentioned';
  if (column.id === 'kb') return cell?.value ? { mark: '§', text: 'on record' } : { mark: STANCE_MARK['not-mentioned'], text: 'not on record' };
  // This page is what the others are compared with: without the record to judge it, it neither agrees nor conflicts.
  if (column.id === 'page' && stance === 'unknown') return { mark: '•', text: 'this page' };
  return { mark: STANCE_MARK[stance], text: STANCE_LABEL[stance] };
}

/**
 * Outlet names are domains: let them wrap after a dot rather than in the
 * middle of a word. The name is the report's own text, so it is isolated.
 */
function breakable(label: string) {
  const parts = label.split(/(?<=\.)(?=[^.\s])/);
  return <bdi>{parts.map((p, i) => (i ? [<wbr key={i} />, p] : p))}</bdi>;
}

function ColumnHead({ column }: { column: Column }) {
  const date = tableDateText(column.date);
  const label = column.id === 'page' ? 'This page' : column.label;
  return (
    <th scope="col" class={`col-head col-${column.id === 'page' || column.id === 'kb' ? column.id : 'source'}`} data-column={column.id}>
      {column.url && column.id !== 'page' && isHttpUrl(column.url) ? (
        <a class="col-label" href={column.url} target="_blank" rel="noopener noreferrer">
          {breakable(label)}
        </a>
      ) : (
        <span class="col-label">{breakable(label)}</span>
      )}
      {date ? <span class="col-date">{date}</span> : null}
      {column.signals.length ? (
        <span class="signals">
          {column.signals.map((s) => (
            <span key={s} class="signal" role="img" aria-label={s} title={s}>
              {signalIcon(s)}
            </span>
          ))}
        </span>
      ) : null}
    </th>
  );
}

/**
 * Rows are facts, columns are sources (this page first, the knowledge base
 * last). A cell with a quote is focusable: on focus or hover the source's own
 * sentence appears beside it, so keyboard and pointer readers see the same.
 */
export function ComparisonTable({ table }: { table: Table }) {
  const [active, setActive] = useState<Active | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout>>();
  // The record's column only where the record knows one of the facts.
  const columns = table.columns.filter((c) => c.id !== 'kb' || table.rows.some((r) => r.cells.kb?.value));

  useEffect(() => () => clearTimeout(hideTimer.current), []);

  const show = (row: number, column: string, el: HTMLElement) => {
    clearTimeout(hideTimer.current);
    const r = el.getBoundingClientRect();
    const above = r.bottom + 120 > window.innerHeight && r.top > 140;
    const maxHeight = Math.max(60, above ? r.top - 14 : window.innerHeight - r.bottom - 14);
    setActive({ row, column, left: Math.max(8, Math.min(r.left, window.innerWidth - 268)), top: above ? r.top - 6 : r.bottom + 6, above, maxHeight });
  };
  const hide = () => {
    clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setActive(null), 80);
  };

  const activeCell = active ? table.rows[active.row]?.cells[active.column] : undefined;
  const activeColumn = active ? columns.find((c) => c.id === active.column) : undefined;

  return (
    <>
      <div class="table-scroll" role="region" aria-label="Source comparison, scrolls sideways" tabIndex={0}>
        <table class="comparison">
          <caption class="visually-hidden">How each source reports the facts of this story</caption>
          <thead>
            <tr>
              <th scope="col" class="fact-col">
                Fact
              </th>
              {columns.map((c) => (
                <ColumnHead key={c.id} column={c} />
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, ri) => (
              <tr key={row.fact} data-fact={row.fact}>
                <th scope="row" class="fact-col">
                  {row.label}
                </th>
                {columns.map((c) => {
                  const cell = row.cells[c.id];
                  const words = stanceWords(c, cell);
                  const quote = cell?.quote ?? null;
                  const isActive = active?.row === ri && active.column === c.id;
                  return (
                    <td
                      key={c.id}
                      class={`cell stance-${c.id === 'kb' ? (cell?.value ? 'record' : 'not-mentioned') : (cell?.stance ?? 'not-mentioned')}`}
                      data-column={c.id}
                      tabIndex={quote ? 0 : undefined}
                      aria-describedby={isActive && quote ? TOOLTIP_ID : undefined}
                      onFocus={quote ? (e) => show(ri, c.id, e.currentTarget) : undefined}
                      onBlur={quote ? hide : undefined}
                      onMouseEnter={quote ? (e) => show(ri, c.id, e.currentTarget) : undefined}
                      onMouseLeave={quote ? hide : undefined}
                      onKeyDown={(e) => e.key === 'Escape' && setActive(null)}
                    >
                      <span class="value">{cell?.value == null ? '—' : <bdi>{cell.value}</bdi>}</span>
                      {words ? (
                        <span class="stance">
                          <span class="stance-mark" aria-hidden="true">
                            {words.mark}
                          </span>{' '}
                          {words.text}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {active && activeCell?.quote ? (
        <div
          id={TOOLTIP_ID}
          role="tooltip"
          class={`cell-quote${active.above ? ' above' : ''}`}
          style={{ left: `${active.left}px`, top: `${active.top}px`, maxHeight: `${active.maxHeight}px` }}
          onMouseEnter={() => clearTimeout(hideTimer.current)}
          onMouseLeave={hide}
        >
          <span class="quote-source">{activeColumn?.id === 'page' ? 'This page' : <bdi>{activeColumn?.label}</bdi>}:</span>{' '}
          <q>
            <bdi>{activeCell.quote}</bdi>
          </q>
        </div>
      ) : null}
    </>
  );
}
