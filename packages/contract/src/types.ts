// What a client sends and gets for each route, derived from the schemas (types only: no runtime cost).
import type { Static, TOptional, TSchema } from '@sinclair/typebox';
import type { Routes } from './routes.ts';

/** A route by its key, `METHOD /path/:param`, as the clients name routes. */
export type RouteByKey = { [N in keyof Routes as `${Routes[N]['method']} ${Routes[N]['url']}`]: Routes[N] };
export type RouteKey = keyof RouteByKey;

type SchemaOf<K extends RouteKey> = RouteByKey[K]['schema'];
type ParamsPart<S> = S extends { params: infer P extends TSchema } ? { params: Static<P> } : { params?: undefined };
// Query fields with defaults are filled in by the server, so a client may leave any of them out.
type QueryPart<S> = S extends { querystring: infer Q extends TSchema } ? { query?: Partial<Static<Q>> } : { query?: undefined };
type BodyPart<S> = S extends { body: infer B extends TSchema }
  ? (B extends TOptional<TSchema> ? { body?: Static<B> } : unknown extends Static<B> ? { body?: Static<B> } : { body: Static<B> })
  : { body?: undefined };

/** What a call of the route takes: path params, query, body, each only where the route has one. */
export type RouteInput<K extends RouteKey> = ParamsPart<SchemaOf<K>> & QueryPart<SchemaOf<K>> & BodyPart<SchemaOf<K>>;

type Success<R> = { [C in keyof R]: C extends 200 | 201 ? (R[C] extends TSchema ? Static<R[C]> : never) : C extends 204 ? undefined : never }[keyof R];
/** What a successful call of the route answers (undefined for 204; unknown where the route declares no response). */
export type RouteOutput<K extends RouteKey> = SchemaOf<K> extends { response: infer R } ? Success<R> : unknown;
