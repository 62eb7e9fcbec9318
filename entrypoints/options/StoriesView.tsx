/**
 * The corpus as stories: its reports grouped by event, the way the engine
 * decides that two reports tell the same event (lib/corpus/stories.ts), each
 * with its reports, dates, outlets and the facts they dispute; a story opens
 * on its reports and the comparison table of a report that shows its disputes.
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { AsyncState, type Loadable } from '../../components/AsyncState';
import { ComparisonTable } from '../../components/ComparisonTable';
import { dateText } from '../../components/dates';
import type { AnalyseStoredReply, ListStoriesReply, StorySummary } from '../../lib/schema';
import { ask, count, errorText } from './live';

type Analysed = z.infer<typeof AnalyseStoredReply>;

/** Stories change only when the corpus does; the background keeps them for that long. */
function useStories(): Loadable<StorySummary[]> {
  const [stories, setStories] = useState<Loadable<StorySummary[]>>({ state: 'loading' });
  useEffect(() => {
    ask<z.infer<typeof ListStoriesReply>>({ type: 'listStories' }).then(
      (r) => setStories({ state: 'ready', value: r.stories }),
      (error: unknown) => setStories({ state: 'error', error: errorText(error) }),
    );
  }, []);
  return stories;
}

const outlets = (s: StorySummary) => [...new Set(s.reports.map((r) => r.outlet))];

export function StoriesView() {
  const stories = useStories();
  return (
    <section aria-labelledby="stories-heading">
      <h2 id="stories-heading" tabIndex={-1}>
        Stories
      </h2>
      <p class="lede">The corpus grouped by event: reports crosscheck compares with one another.</p>
      <AsyncState value={stories} isEmpty={(l) => l.length === 0} empty={<p class="muted">The corpus is empty.</p>}>
        {(list) => {
          const told = list.filter((s) => s.reports.length > 1);
          const alone = list.length - told.length;
          return (
            <>
              <p class="stories-count" data-count={told.length}>
                {count(told.length, 'story', 'stories')} told by two reports or more
                {alone ? `; ${count(alone, 'report')} in no story with another` : ''}.
              </p>
              <ul class="story-list">
                {told.map((s) => (
                  <li key={s.id} class="story" data-story={s.id}>
                    <a href={`#story/${encodeURIComponent(s.id)}`} class="story-title">
                      <bdi>{s.title ?? 'Untitled story'}</bdi>
                    </a>
                    <span class="muted">
                      {' '}
                      — {count(s.reports.length, 'report')}, {s.dates ? dateText(s.dates) : 'undated'}, <bdi>{outlets(s).join(', ')}</bdi>;{' '}
                      <span class="disputed-count">{s.disputedFacts ? count(s.disputedFacts, 'disputed fact') : 'no disputed fact'}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </AsyncState>
    </section>
  );
}

/** One story, by its id or (`reportId`, from the popup) by a report it holds. */
export function StoryView(props: { id?: string; reportId?: string }) {
  const stories = useStories();
  const story =
    stories.state === 'ready' ? stories.value.find((s) => (props.id ? s.id === props.id : s.reports.some((r) => r.id === props.reportId))) : undefined;
  return (
    <section aria-labelledby="story-heading" class="story-view">
      <p>
        <a href="#stories">← All stories</a>
      </p>
      <AsyncState value={stories} isEmpty={() => story === undefined} empty={<StoryGone />}>
        {() => <StoryDetails story={story!} />}
      </AsyncState>
    </section>
  );
}

function StoryGone() {
  return (
    <>
      <h2 id="story-heading" tabIndex={-1}>
        No such story
      </h2>
      <p>The corpus has changed since this story was listed: its reports may have been deleted or joined by others.</p>
    </>
  );
}

/** Reports tried, in order, for one whose comparison shows the story's disputes. */
const TABLES_TRIED = 8;

function StoryDetails({ story }: { story: StorySummary }) {
  const [analysis, setAnalysis] = useState<Loadable<Analysed>>({ state: 'loading' });
  const [shown, setShown] = useState(story.reports[0]!);
  useEffect(() => {
    let gone = false;
    // A dispute is found in the analysis of the report that gives the value: show the first report whose table has one.
    const disputed = new Set(story.disputed.map((d) => d.fact));
    (async () => {
      let first: { report: StorySummary['reports'][number]; reply: Analysed } | null = null;
      for (const report of story.reports.slice(0, TABLES_TRIED)) {
        const reply = await ask<Analysed>({ type: 'analyseStored', id: report.id });
        first ??= { report, reply };
        if (!disputed.size || reply.analysis.table.rows.some((r) => disputed.has(r.fact))) return { report, reply };
      }
      return first!;
    })().then(
      ({ report, reply }) => {
        if (gone) return;
        setShown(report);
        setAnalysis({ state: 'ready', value: reply });
      },
      (error: unknown) => !gone && setAnalysis({ state: 'error', error: errorText(error) }),
    );
    return () => {
      gone = true;
    };
  }, [story]);
  return (
    <>
      <h2 id="story-heading" tabIndex={-1}>
        <bdi>{story.title ?? 'Untitled story'}</bdi>
      </h2>
      <p class="muted">
        {story.dates ? dateText(story.dates) : 'Undated'}; {count(story.reports.length, 'report')} from <bdi>{outlets(story).join(', ')}</bdi>.
      </p>
      <h3>Reports</h3>
      <ol class="story-reports">
        {story.reports.map((r) => (
          <li key={r.id}>
            <bdi class="outlet">{r.outlet}</bdi> — <a href={`#article/${encodeURIComponent(r.id)}`}><bdi>{r.title ?? r.url}</bdi></a>
            <span class="muted"> ({r.date ?? 'undated'})</span>
          </li>
        ))}
      </ol>
      <h3>Disputed facts</h3>
      {story.disputed.length ? (
        <ul class="story-disputed">
          {story.disputed.map((d) => (
            <li key={d.fact}>{d.label}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">Its reports give no differing values.</p>
      )}
      <h3>Comparison</h3>
      <p class="muted">
        As <bdi>{shown.outlet}</bdi>'s report (<bdi>{shown.title ?? shown.url}</bdi>) is compared with the others:
      </p>
      <AsyncState value={analysis} isEmpty={(a) => a.analysis.table.rows.length === 0} empty={<p class="muted">No fact here is reported by two sources.</p>}>
        {(a) => <ComparisonTable table={a.analysis.table} />}
      </AsyncState>
    </>
  );
}
