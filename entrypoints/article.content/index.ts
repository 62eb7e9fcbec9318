import { request } from '../../lib/messaging/protocol';
import type { HelloReply } from '../../lib/schema';
import type { z } from 'zod';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main() {
    const send = (m: unknown) => browser.runtime.sendMessage(m);
    try {
      const reply = await request<z.infer<typeof HelloReply>>(send, { type: 'hello', url: location.href });
      // Logged so a reader (and the E2E tests) can see the script ran; nothing is written to the page.
      console.info(`crosscheck: connected (${reply.articles} reports in the corpus)`);
    } catch (error) {
      console.warn('crosscheck: the background did not answer', error);
    }
  },
});
