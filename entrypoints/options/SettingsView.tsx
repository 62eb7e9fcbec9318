import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { AsyncState } from '../../components/AsyncState';
import { KIND_LABEL, KIND_MARK } from '../../components/kinds';
import { readSettings } from '../../lib/db';
import { FindingKind, type CorpusChangeReply, type Settings, type SettingsPatch, type SettingsReply } from '../../lib/schema';
import { siteOf } from '../../lib/settings';
import { ask, errorText, useLive } from './live';

export function SettingsView() {
  const settings = useLive((db) => readSettings(db));
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading" tabIndex={-1}>
        Settings
      </h2>
      <AsyncState value={settings} isEmpty={() => false} empty={null}>
        {(s) => <SettingsForm settings={s} />}
      </AsyncState>
    </section>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState('');
  // The slider moves freely and is saved when let go, not on every step.
  const [confidence, setConfidence] = useState(settings.minConfidence);
  useEffect(() => setConfidence(settings.minConfidence), [settings.minConfidence]);
  const [newSite, setNewSite] = useState('');

  async function save(patch: SettingsPatch | { site: string; paused: boolean }, said: string) {
    try {
      // Sites go through the same request as the popup's Pause button, so both edit the list the same way.
      if ('site' in patch) await ask<z.infer<typeof SettingsReply>>({ type: 'setSitePaused', ...patch });
      else await ask<z.infer<typeof SettingsReply>>({ type: 'updateSettings', patch });
      setStatus(`${said} Pages opened from now on use it.`);
    } catch (error) {
      setStatus(`Not saved: ${errorText(error)}`);
    }
  }

  const toggleKind = (kind: FindingKind, on: boolean) => {
    const kinds = on ? [...new Set([...settings.kindsShown, kind])] : settings.kindsShown.filter((k) => k !== kind);
    void save({ kindsShown: FindingKind.options.filter((k) => kinds.includes(k)) }, `${KIND_LABEL[kind]}: ${on ? 'shown' : 'hidden'}.`);
  };

  const addSite = (e: Event) => {
    e.preventDefault();
    const raw = newSite.trim();
    const site = siteOf(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    if (!site) return setStatus(`“${raw}” is not a web site's name.`);
    setNewSite('');
    void save({ site, paused: true }, `Paused on ${site}.`);
  };

  return (
    <>
      <KeepReadSettings settings={settings} save={save} onStatus={setStatus} />

      <fieldset>
        <legend>Paused sites</legend>
        <p class="muted">crosscheck does nothing on these sites (and their subdomains).</p>
        {settings.pausedSites.length ? (
          <ul class="paused-sites">
            {settings.pausedSites.map((site) => (
              <li key={site}>
                <span>{site}</span>{' '}
                <button
                  type="button"
                  aria-label={`Resume on ${site}`}
                  onClick={() => void save({ site, paused: false }, `Resumed on ${site}.`)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None.</p>
        )}
        <form class="inline-form pause-site-form" onSubmit={addSite}>
          <label>
            Pause on a site <input value={newSite} onInput={(e) => setNewSite(e.currentTarget.value)} placeholder="example.com" />
          </label>{' '}
          <button type="submit" disabled={!newSite.trim()}>
            Pause
          </button>
        </form>
      </fieldset>

      <fieldset>
        <legend>Highlight style</legend>
        {(['underline', 'background'] as const).map((style) => (
          <label key={style} class="choice">
            <input
              type="radio"
              name="highlight-style"
              value={style}
              checked={settings.highlightStyle === style}
              onChange={() => void save({ highlightStyle: style }, `Highlights: ${style === 'underline' ? 'wavy underline' : 'background colour'}.`)}
            />{' '}
            {style === 'underline' ? 'Wavy underline' : 'Background colour'}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Kinds of findings shown</legend>
        {FindingKind.options.map((kind) => (
          <label key={kind} class="choice">
            <input type="checkbox" name="kinds" value={kind} checked={settings.kindsShown.includes(kind)} onChange={(e) => toggleKind(kind, e.currentTarget.checked)} />{' '}
            <span aria-hidden="true" class="kind-mark">
              {KIND_MARK[kind]}
            </span>{' '}
            {KIND_LABEL[kind]}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Minimum confidence</legend>
        <p class="muted">Findings crosscheck is less sure of than this are not highlighted.</p>
        <label class="slider">
          <span class="visually-hidden">Minimum confidence</span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={confidence}
            aria-valuetext={`${Math.round(confidence * 100)}%`}
            onInput={(e) => setConfidence(Number(e.currentTarget.value))}
            onChange={(e) => void save({ minConfidence: Number(e.currentTarget.value) }, `Minimum confidence: ${Math.round(Number(e.currentTarget.value) * 100)}%.`)}
          />{' '}
          <output class="confidence-value">{Math.round(confidence * 100)}%</output>
        </label>
      </fieldset>
      <p class="status-line" role="status">
        {status}
      </p>
    </>
  );
}

/**
 * Keep what I read: the switch, the cap (count and age, oldest removed
 * first, read reports only) and deleting every read report at once.
 */
function KeepReadSettings(props: { settings: Settings; save: (patch: SettingsPatch, said: string) => Promise<void>; onStatus: (s: string) => void }) {
  const { settings, save } = props;
  const read = useLive((db) => db.articles.where('origin').equals('read').count());
  const [count, setCount] = useState(String(settings.readCapCount));
  const [days, setDays] = useState(String(settings.readCapDays));
  useEffect(() => setCount(String(settings.readCapCount)), [settings.readCapCount]);
  useEffect(() => setDays(String(settings.readCapDays)), [settings.readCapDays]);
  const [busy, setBusy] = useState(false);

  const saveCap = (e: Event) => {
    e.preventDefault();
    const n = Number(count);
    const d = Number(days);
    if (!Number.isInteger(n) || n < 1) return props.onStatus(`“${count}” is not a number of reports (a whole number, 1 or more).`);
    if (!Number.isInteger(d) || d < 1) return props.onStatus(`“${days}” is not a number of days (a whole number, 1 or more).`);
    void save({ readCapCount: n, readCapDays: d }, `Keeping at most ${n.toLocaleString('en-US')} read reports, none older than ${d} days.`);
  };
  const forget = async () => {
    setBusy(true);
    try {
      const reply = await ask<CorpusChangeReply>({ type: 'forgetRead' });
      props.onStatus(`Deleted ${reply.changed.toLocaleString('en-US')} read ${reply.changed === 1 ? 'report' : 'reports'}; seeds, added and imported reports are as they were.`);
    } catch (error) {
      props.onStatus(`Nothing deleted: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="keep-read">
      <legend>Keep what I read</legend>
      <label class="choice">
        <input
          type="checkbox"
          class="keep-read-toggle"
          checked={settings.keepRead}
          onChange={(e) => void save({ keepRead: e.currentTarget.checked, keepReadAsked: true }, `Keep what I read: ${e.currentTarget.checked ? 'on' : 'off'}.`)}
        />{' '}
        Keep the news articles I read in my corpus
      </label>
      <p class="muted">
        A news article you stay on for a few seconds is stored in this browser, never sent anywhere, so later pages have other reports to be compared
        with. Never in private windows or on paused sites. Seeds, and reports you added or imported, are never removed by the limits below.
      </p>
      <form class="inline-form read-cap" onSubmit={saveCap}>
        <label>
          At most <input type="number" class="read-cap-count" min={1} value={count} onInput={(e) => setCount(e.currentTarget.value)} /> read reports
        </label>{' '}
        <label>
          kept for <input type="number" class="read-cap-days" min={1} value={days} onInput={(e) => setDays(e.currentTarget.value)} /> days
        </label>{' '}
        <button type="submit">Save limits</button>
      </form>
      <p>
        <span class="read-count">{read.state === 'ready' ? `${read.value.toLocaleString('en-US')} read ${read.value === 1 ? 'report' : 'reports'} kept.` : '…'}</span>{' '}
        <button type="button" class="forget-read danger" onClick={() => void forget()} disabled={busy || (read.state === 'ready' && read.value === 0)}>
          {busy ? 'Deleting…' : 'Delete everything I read'}
        </button>
      </p>
    </fieldset>
  );
}
