/**
 * The content script's side of its channel to the background, without zod.
 *
 * Only the extension itself can answer runtime.sendMessage, and the
 * background parses every reply against lib/schema.ts before sending it
 * (entrypoints/background.ts), so here the reply needs only the checks that
 * keep a broken or missing reply from being used as data: its envelope and
 * its type. The types still come from the schemas, so the two sides cannot
 * drift apart without the compiler noticing.
 */
import type { ErrorReply, Reply, Request } from '../schema';

export type Send = (message: unknown) => Promise<unknown>;

export class ChannelError extends Error {}

export type ReplyTo<T extends Request['type']> = Extract<Exclude<Reply, ErrorReply>, { type: T }>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function ask<R extends Request>(send: Send, req: R): Promise<ReplyTo<R['type']>> {
  const raw: unknown = await send(req);
  if (!isRecord(raw)) throw new ChannelError(`no reply to ${req.type} (got ${raw === undefined ? 'nothing' : typeof raw})`);
  if (raw.ok === false) throw new ChannelError(typeof raw.error === 'string' ? raw.error : `${req.type} failed`);
  if (raw.ok !== true) throw new ChannelError(`malformed reply to ${req.type}: no "ok" field`);
  if (raw.type !== req.type) throw new ChannelError(`reply of type ${String(raw.type)} to a ${req.type} request`);
  return raw as ReplyTo<R['type']>;
}
