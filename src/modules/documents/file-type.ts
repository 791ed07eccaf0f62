/**
 * What a file is, judged by its content, never by its name: PDF, PNG, JPEG, GIF, WebP,
 * TIFF, Office Open XML and OpenDocument (zip containers, told apart by their first
 * entries), legacy Office (OLE compound files) and plain text. Anything else is refused.
 */
export interface DetectedType {
  mediaType: string;
  /** The extension the stored name gets, whatever the uploaded name said. */
  extension: string;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

function zipType(bytes: Uint8Array): DetectedType | null {
  // An OpenDocument file starts with an uncompressed "mimetype" entry naming its type.
  const head = ascii(bytes, 0, 200);
  if (head.startsWith('PK\u0003\u0004') && head.includes('mimetypeapplication/vnd.oasis.opendocument.')) {
    if (head.includes('opendocument.text'))
      return { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' };
    if (head.includes('opendocument.spreadsheet'))
      return { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' };
  }
  // Office Open XML: the part names appear in the zip's local headers and directory.
  const names = ascii(bytes, 0, bytes.length);
  if (names.includes('[Content_Types].xml')) {
    if (names.includes('word/'))
      return {
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
    if (names.includes('xl/'))
      return {
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
      };
    if (names.includes('ppt/'))
      return {
        mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        extension: 'pptx',
      };
  }
  return null;
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 65536));
    // Control characters other than tab, newline, carriage return and form feed mean binary.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of the check
    return !/[\u0000-\u0008\u000b\u000e-\u001f]/.test(text);
  } catch {
    return false;
  }
}

export function detectFileType(bytes: Uint8Array): DetectedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { mediaType: 'application/pdf', extension: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mediaType: 'image/png', extension: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')
    return { mediaType: 'image/gif', extension: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { mediaType: 'image/webp', extension: 'webp' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { mediaType: 'image/tiff', extension: 'tif' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipType(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { mediaType: 'application/x-ole-storage', extension: 'doc' };
  if (isPlainText(bytes)) return { mediaType: 'text/plain', extension: 'txt' };
  return null;
}

/** Extensions a name may carry for each detected type; another one means a disguised file. */
const extensionsOf: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg'],
  tif: ['tif', 'tiff'],
  txt: ['txt', 'csv', 'text'],
  doc: ['doc', 'xls', 'ppt'],
};

/**
 * A safe file name: no directories, no control or reserved characters, no leading dots,
 * at most 120 characters. Latvian letters stay. The extension must fit the detected type
 * (a PDF named .jpg is refused: null); a name without one gets the type's extension.
 */
export function sanitiseFileName(name: string, type: DetectedType): string | null {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*;]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const match = /\.([a-z]{1,5})$/i.exec(base);
  const given = match?.[1]?.toLowerCase();
  const allowed = extensionsOf[type.extension] ?? [type.extension];
  if (given && !allowed.includes(given)) return null;
  const stem = (match ? base.slice(0, match.index) : base).slice(0, 110).trim() || 'dokuments';
  return `${stem}.${given ?? type.extension}`;
}
