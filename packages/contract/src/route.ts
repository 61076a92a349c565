import type { TSchema } from '@sinclair/typebox';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What Fastify validates with and what the OpenAPI document shows, for one route. */
export interface RouteSchema {
  tags: string[];
  summary: string;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  response?: Record<number, TSchema>;
}

export interface RouteDef<M extends Method = Method, U extends string = string, S extends RouteSchema = RouteSchema> {
  method: M;
  url: U;
  schema: S;
}

/** One route of the HTTP API: its method, path (Fastify `:param` syntax) and schemas. */
export const route = <const M extends Method, const U extends string, const S extends RouteSchema>(method: M, url: U, schema: S): RouteDef<M, U, S> => ({ method, url, schema });
