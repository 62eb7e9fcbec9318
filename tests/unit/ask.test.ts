/**
 * The content script's side of the channel: it trusts the background's
 * replies to be parsed already, but never uses an error, a missing reply or a
 * reply to another request as data.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../../lib/messaging/ask';

const hello = { type: 'hello', url: 'https://example.org/a' } as const;

describe('ask (content script → background)', () => {
  it('returns the reply to the request it sent', async () => {
    const sent: unknown[] = [];
    const reply = await ask(async (m) => (sent.push(m), { ok: true, type: 'hello', articles: 5, paused: false, settings: {} }), hello);
    expect(sent).toEqual([hello]);
    expect(reply.articles).toBe(5);
  });

  it("throws the background's error message", async () => {
    await expect(ask(async () => ({ ok: false, error: 'the knowledge base could not be read' }), hello)).rejects.toThrow(
      'the knowledge base could not be read',
    );
  });

  it.each([
    ['nothing (the worker stopped)', undefined, /no reply to hello \(got nothing\)/],
    ['a string', 'ok', /no reply to hello \(got string\)/],
    ['an array', [], /no reply to hello/],
    ['a reply to another request', { ok: true, type: 'analyse', analysis: null }, /reply of type analyse to a hello request/],
    ['an envelope without ok', { type: 'hello' }, /malformed reply to hello: no "ok" field/],
  ])('refuses %s', async (_what, raw, message) => {
    await expect(ask(async () => raw, hello)).rejects.toThrow(message);
  });
});
