import type { Request } from 'express';
import type { GraphQLErrorData } from './views/form-errors.js';

export interface GraphQLAnswer<T> {
  status: number;
  data: T | null;
  errors: GraphQLErrorData[];
}

/**
 * The pages are a client of the service's own GraphQL endpoint, on the address the page request came in on. So
 * every read and write passes the one gate of GraphQL — token check, role policy, text check, audit in the
 * mutation's transaction — and a refusal carries the very message and code a GraphQL caller gets.
 */
export async function callGraphQL<T>(
  req: Request,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<T>> {
  const local = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const url = `http://${local.includes(':') ? `[${local}]` : local}:${req.socket.localPort}/graphql`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T | null; errors?: GraphQLErrorData[] };
  return { status: res.status, data: body.data ?? null, errors: body.errors ?? [] };
}

export function codeOf(answer: GraphQLAnswer<unknown>): string | null {
  return answer.errors[0]?.extensions?.code ?? null;
}
