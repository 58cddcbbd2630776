/**
 * What the logs may say about an error or a request: never a value someone typed or sent.
 *
 * An error's message can carry values (a failed query's message lists all its parameters, a JSON
 * parse error quotes the input, a Fastify error the header it disliked), and so can the first
 * line of its stack, which repeats the message. So an error is logged as its class name, its
 * code, the first keyword and table of a failed SQL statement, the PostgreSQL SQLSTATE and
 * constraint name, and the stack frames with the message cut off, never its message, params,
 * detail or any other property. A request is logged as its method and the route's pattern
 * (`/api/v1/applications/:code`), never the path itself, its query, headers or body.
 */

/** Pino's options for the app's logger: the serializers plus hooks that keep values out. */
export function privateLoggerOptions(level: string, stream?: { write(msg: string): void }) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: requestForLog,
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      // Fastify's type wants pino's shape (message and stack strings): ours has neither message nor values.
      err: errorForLog as unknown as (err: Error) => { type: string; message: string; stack: string },
    },
    // Headers (cookies, the application secret) and bodies never, wherever a plugin puts them
    // (@fastify/multipart logs busboy's options, request headers included, at trace level).
    redact: { paths: ['headers', '*.headers', 'body', '*.body', 'cookies', '*.cookies'], remove: true },
    // An Error under any other key is cut down the same way (pino's serializers are per key).
    formatters: {
      log: (obj: Record<string, unknown>) => {
        let out = obj;
        for (const [k, v] of Object.entries(obj)) if (k !== 'err' && v instanceof Error) out = { ...out, [k]: errorForLog(v) };
        return out;
      },
    },
    // pino (and Fastify's default error log) use the error's message as the log line's message
    // when none is given: replace it with the error's name.
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        const [first, msg, ...rest] = args;
        if (first instanceof Error) return method.call(this, { err: first }, typeof msg === 'string' && msg !== first.message ? msg : errorName(first), ...rest);
        const err = first && typeof first === 'object' ? (first as { err?: unknown }).err : undefined;
        if (err instanceof Error && (msg === undefined || msg === err.message)) return method.call(this, first, errorName(err), ...rest);
        return method.apply(this, args);
      },
    },
  };
}

type RequestLike = { method?: string; id?: unknown; routeOptions?: { url?: string } };

/** A request in the log: method and route pattern only (the path can carry a secret code). */
export function requestForLog(req: RequestLike) {
  return { method: req.method, route: req.routeOptions?.url ?? null, id: req.id };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$.]{0,80}$/;
const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
/** One stack frame: `at fn (file:///x.ts:1:2)`, `at file:///x.ts:1:2`, `at new X (node:internal/…)` … */
const FRAME = /^\s+at (?:[^\s()]+(?: \[as [^\]\s]+\])? |new [^\s()]+ |async [^\s()]+ )?\(?(?:file:\/\/|node:|\/|native|<anonymous>)[^\s()]*\)?$/;

function errorName(err: object): string {
  const name = (err as { name?: unknown }).name;
  const ctor = (err as { constructor?: { name?: unknown } }).constructor?.name;
  // drizzle's DrizzleQueryError keeps the name "Error": its class says more.
  const pick = name === 'Error' && typeof ctor === 'string' && ctor !== 'Error' ? ctor : name;
  return typeof pick === 'string' && IDENT.test(pick) ? pick : 'Error';
}

/** `insert into "foi_applications"`: the statement's verb and table, no values. */
export function statementForLog(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  const m = /^\s*(insert\s+into|update|delete\s+from|select\b.*?\bfrom|lock\s+table)\s+("?[A-Za-z_][A-Za-z0-9_]*"?)/is.exec(query);
  if (m) return `${m[1]!.toLowerCase().startsWith('select') ? 'select … from' : m[1]!.toLowerCase().replace(/\s+/g, ' ')} ${m[2]}`;
  return /^\s*(with|select|insert|update|delete|create|alter|drop|truncate|begin|commit|rollback|savepoint|set|lock|copy)\b/i.exec(query)?.[1]?.toLowerCase();
}

/** The stack's frames without the header (which repeats the message, values and all). */
function framesForLog(err: Error): string | undefined {
  const stack = typeof err.stack === 'string' ? err.stack : '';
  const header = String(err);
  let body: string;
  if (stack.startsWith(header)) body = stack.slice(header.length);
  else if (err.message && stack.includes(err.message)) body = stack.slice(stack.indexOf(err.message) + err.message.length);
  else return undefined;
  const frames = body.split('\n').filter((l) => FRAME.test(l)).slice(0, 20).map((l) => l.trim());
  return frames.length ? frames.join('\n') : undefined;
}

/** An error as the log shows it (pino's `err` serializer). */
export function errorForLog(err: unknown, depth = 0): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { type: typeof err };
  const e = err as Record<string, unknown>;
  const out: Record<string, unknown> = { type: errorName(err) };
  if (typeof e.code === 'string' && CODE.test(e.code)) out.code = e.code;
  const status = e.statusCode ?? e.status;
  if (typeof status === 'number' && Number.isInteger(status)) out.statusCode = status;
  const sql = statementForLog(e.query);
  if (sql) out.sql = sql;
  for (const k of ['constraint', 'table', 'column'] as const) if (typeof e[k] === 'string' && IDENT.test(e[k] as string)) out[k] = e[k];
  if (err instanceof Error && depth === 0) {
    const stack = framesForLog(err);
    if (stack) out.stack = stack;
  }
  if (depth < 3 && e.cause && typeof e.cause === 'object') out.cause = errorForLog(e.cause, depth + 1);
  if (depth < 3 && Array.isArray(e.errors)) out.errors = e.errors.slice(0, 5).map((x) => errorForLog(x, depth + 1));
  return out;
}

/** One line for logs written as text (jobs): `DrizzleQueryError 23505 (insert into "x")`. */
export function errorSummary(err: unknown): string {
  const e = errorForLog(err);
  const cause = e.cause as Record<string, unknown> | undefined;
  const code = e.code ?? cause?.code;
  return [e.type, code, e.sql ? `(${e.sql})` : undefined].filter(Boolean).join(' ');
}
