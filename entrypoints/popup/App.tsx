import { useCallback, useEffect, useState } from 'preact/hooks';
import { AsyncState, type Loadable } from '../../components/AsyncState';
import { SourceList } from '../../components/SourceList';
import { request } from '../../lib/messaging/protocol';
import type { ListSourcesReply, SourceSummary } from '../../lib/schema';
import type { z } from 'zod';

export function App() {
  const [sources, setSources] = useState<Loadable<SourceSummary[]>>({ state: 'loading' });

  const load = useCallback(() => {
    setSources({ state: 'loading' });
    request<z.infer<typeof ListSourcesReply>>((m) => browser.runtime.sendMessage(m), { type: 'listSources' }).then(
      (reply) => setSources({ state: 'ready', value: reply.sources }),
      (error: unknown) => setSources({ state: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <main class="popup">
      <header>
        <h1>crosscheck</h1>
        <p class="subtitle">Reports in your local corpus</p>
      </header>
      <AsyncState value={sources} isEmpty={(s) => s.length === 0} empty="The corpus is empty." onRetry={load}>
        {(list) => (
          <>
            <p class="count" aria-live="polite">
              {list.length} {list.length === 1 ? 'source' : 'sources'}
            </p>
            <SourceList sources={list} />
          </>
        )}
      </AsyncState>
    </main>
  );
}
