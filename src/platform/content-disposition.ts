/**
 * How a download names its file (RFC 6266): an ASCII fallback and the UTF-8 name (Latvian letters) for
 * the browser. Used by every route that sends a named file.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'document';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
