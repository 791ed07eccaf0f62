import type { ErrorCode, ErrorResponse } from '../shared/contracts/common';
import type { Language } from '../shared/i18n';

/** An error answered by the API, already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let currentLanguage: Language = 'lv';
/** The API answers errors in the language the interface shows. */
export function setApiLanguage(language: Language): void {
  currentLanguage = language;
}

let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** A random key (crypto.getRandomValues works on plain HTTP too, where randomUUID does not). */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** Creates on their way: the same one asked again (a double click) waits for the first instead. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Calls the JSON API with the session cookie; throws ApiError with a message to show.
 * A `Blob` body (a file being uploaded) is sent as it is, as application/octet-stream.
 * A create (POST) carries an `Idempotency-Key`, so the server does it once however often it arrives,
 * and the same create asked again while the first is on its way is not sent twice.
 */
export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (method !== 'POST' || body instanceof Blob) return send<T>(method, path, body, null);
  const signature = `${path}\n${JSON.stringify(body ?? null)}`;
  const pending = inFlight.get(signature);
  if (pending) return pending as Promise<T>;
  const request = send<T>(method, path, body, newKey()).finally(() => inFlight.delete(signature));
  inFlight.set(signature, request);
  return request;
}

async function send<T>(method: string, path: string, body: unknown, key: string | null): Promise<T> {
  let response: Response;
  const raw = body instanceof Blob;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLanguage,
        ...(key ? { 'idempotency-key': key } : {}),
        ...(body !== undefined
          ? { 'content-type': raw ? 'application/octet-stream' : 'application/json' }
          : {}),
      },
      body: raw ? body : body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      currentLanguage === 'lv' ? 'Nevar sazināties ar serveri.' : 'Cannot reach the server.',
    );
  }
  const payload = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = (payload as ErrorResponse | null)?.error;
    const fields = Object.fromEntries((error?.fields ?? []).map((f) => [f.field, f.message]));
    if (response.status === 401 && path !== '/api/auth/login') onUnauthenticated();
    throw new ApiError(
      response.status,
      error?.code ?? 'INTERNAL',
      error?.message ?? response.statusText,
      fields,
    );
  }
  return payload as T;
}
