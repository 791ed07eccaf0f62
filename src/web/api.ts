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

/**
 * Calls the JSON API with the session cookie; throws ApiError with a message to show.
 * A `Blob` body (a file being uploaded) is sent as it is, as application/octet-stream.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  const raw = body instanceof Blob;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLanguage,
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
