/**
 * Typed request/reply over the extension's message channel. Both ends parse
 * with the zod schemas in lib/schema.ts; a message that does not parse is
 * answered with an error and logged, never acted upon.
 */
import { Reply, Request, describeZodError, type ErrorReply } from '../schema';

export type Send = (message: unknown) => Promise<unknown>;

export class ProtocolError extends Error {}

/** Sends a request and returns the parsed reply, throwing on an error reply. */
export async function request<T extends Exclude<Reply, ErrorReply>>(send: Send, req: Request): Promise<T> {
  const valid = Request.safeParse(req);
  if (!valid.success) throw new ProtocolError(`invalid request: ${describeZodError(valid.error)}`);
  const raw = await send(valid.data);
  const reply = Reply.safeParse(raw);
  if (!reply.success) throw new ProtocolError(`invalid reply to ${req.type}: ${describeZodError(reply.error)}`);
  if (!reply.data.ok) throw new ProtocolError(reply.data.error);
  if (reply.data.type !== req.type) throw new ProtocolError(`reply of type ${reply.data.type} to a ${req.type} request`);
  return reply.data as T;
}

/** Parses an incoming message; null when it is not one of ours. */
export function parseRequest(message: unknown): { ok: true; request: Request } | { ok: false; error: string } {
  const parsed = Request.safeParse(message);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, error: describeZodError(parsed.error) };
}
