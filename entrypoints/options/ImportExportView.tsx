import { useRef, useState } from 'preact/hooks';
import { downloadText } from '../../components/download';
import { formatBytes } from '../../lib/corpus/bundle';
import { MAX_IMPORT_BYTES, type CorpusChangeReply } from '../../lib/schema';
import { corpusExport, importPickedFiles, parseHtmlInert, type ImportProgress } from './importer';
import { ask, count, database, errorText } from './live';

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; files: number }
  | { kind: 'checking'; progress: ImportProgress }
  | { kind: 'writing'; articles: number }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string };

const paint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function ImportExportView() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [exportStatus, setExportStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'reading' || phase.kind === 'checking' || phase.kind === 'writing';

  async function importFiles(list: FileList | File[] | null) {
    const files = list ? [...list] : [];
    if (!files.length || busy) return;
    setPhase({ kind: 'reading', files: files.length });
    try {
      const outcome = await importPickedFiles(files, {
        now: Date.now(),
        parseHtml: parseHtmlInert,
        pause: paint,
        onProgress: (progress) => setPhase({ kind: 'checking', progress }),
        onWriting: (articles) => setPhase({ kind: 'writing', articles }),
        stored: (ids) => database().articles.bulkGet(ids),
        write: (articles) => ask<CorpusChangeReply>({ type: 'importArticles', articles }),
      });
      setPhase({ kind: 'done', message: outcome.message });
    } catch (error) {
      setPhase({ kind: 'failed', message: `Nothing was imported. ${errorText(error)}` });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  async function exportCorpus() {
    setExportStatus('');
    try {
      const articles = await database().articles.toArray();
      const file = corpusExport(articles);
      downloadText(file.fileName, file.text);
      setExportStatus(`Exported ${count(articles.length, 'article')}.`);
    } catch (error) {
      setExportStatus(`The export failed: ${errorText(error)}`);
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void importFiles(e.dataTransfer?.files ?? null);
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading" tabIndex={-1}>
        Import and export
      </h2>

      <h3>Import</h3>
      <p class="lede">
        A corpus bundle exported by crosscheck (<code>.json</code>), or articles as text (<code>.txt</code>) or saved web pages (<code>.html</code>).
        Everything is checked before anything is written: if one article is wrong, none is imported. Files must be UTF-8 text, at most{' '}
        {formatBytes(MAX_IMPORT_BYTES)} in one import.
      </p>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop files here, or</p>
        <label class="file-button">
          Choose files…
          <input
            ref={input}
            type="file"
            class="import-input visually-hidden"
            multiple
            accept=".json,.txt,.html,.htm,application/json,text/plain,text/html"
            disabled={busy}
            onChange={(e) => void importFiles(e.currentTarget.files)}
          />
        </label>
      </div>

      <ImportProgressView phase={phase} />
      <div class="import-status" role="status">
        {phase.kind === 'done' ? <p class="import-result">{phase.message}</p> : null}
      </div>
      <div class="import-alert" role="alert">
        {phase.kind === 'failed' ? <p class="import-error">{phase.message}</p> : null}
      </div>

      <h3>Export</h3>
      <p class="lede">The whole corpus as one bundle file, to keep a copy or to import on another device.</p>
      <button type="button" class="export-corpus" onClick={exportCorpus}>
        Export the corpus
      </button>
      <p class="status-line" role="status">
        {exportStatus}
      </p>
    </section>
  );
}

function ImportProgressView({ phase }: { phase: Phase }) {
  let label: string;
  let value: number | undefined;
  let max: number | undefined;
  if (phase.kind === 'reading') label = `Reading ${count(phase.files, 'file')}…`;
  else if (phase.kind === 'checking') {
    const p = phase.progress;
    label = `Checking ${p.file}: ${p.done.toLocaleString('en-US')} of ${count(p.total, p.unit === 'articles' ? 'article' : 'file')}`;
    value = p.done;
    max = Math.max(1, p.total);
  } else if (phase.kind === 'writing') label = `Saving ${count(phase.articles, 'article')}…`;
  else return null;
  return (
    <div class="import-progress">
      <label for="import-progress-bar">{label}</label>
      {/* No value while reading or saving: an indeterminate bar, since there is nothing to count. */}
      <progress id="import-progress-bar" max={max} value={value} data-done={value} data-total={max} />
    </div>
  );
}
