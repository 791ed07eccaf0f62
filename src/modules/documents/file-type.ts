/**
 * What a file is, judged by its content, never by its name: PDF, PNG, JPEG, GIF, WebP,
 * TIFF, Office Open XML and OpenDocument (zip containers, judged by their whole listing), legacy Office (OLE compound files) and plain text. Anything else is refused.
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

/** One entry of a zip's central directory. */
interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

const maxZipEntries = 5000;
/** More than this when unpacked is a zip bomb, not a document. */
const maxUnpackedBytes = 500 * 1024 * 1024;

/**
 * The entries listed in a zip's central directory, or null when it is not a well-formed
 * zip (no end record, a directory that runs past the file, too many entries). Nothing is
 * unpacked: only the listing is read.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0 || count > maxZipEntries || directoryOffset >= end) return null;
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) return null;
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      uncompressedSize: view.getUint32(at + 24, true),
    });
    at = next;
  }
  return entries;
}

/** Entry names that climb out of the archive, are absolute, or hide control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const unsafeEntryName = /(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[a-z]:|\\|[\u0000-\u001f\u007f]/i;
/** Programs, scripts and VBA macros have no place inside a document (printer settings' .bin parts do). */
const executableEntry =
  /\.(exe|dll|com|scr|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|msi|jar|sh|app|lnk)$|(^|\/)vbaProject[^/]*\.bin$/i;

/** The parts a document of each kind must have. */
const requiredParts: { type: DetectedType; parts: string[] }[] = [
  {
    type: {
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    },
    parts: ['[Content_Types].xml', 'word/document.xml'],
  },
  {
    type: {
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    },
    parts: ['[Content_Types].xml', 'xl/workbook.xml'],
  },
  {
    type: {
      mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      extension: 'pptx',
    },
    parts: ['[Content_Types].xml', 'ppt/presentation.xml'],
  },
  {
    type: { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
    parts: ['mimetype', 'content.xml', 'META-INF/manifest.xml'],
  },
  {
    type: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
    parts: ['mimetype', 'content.xml', 'META-INF/manifest.xml'],
  },
];

/**
 * An Office Open XML or OpenDocument file, judged by its whole listing: it has the parts
 * its kind must have, and no entry that climbs out of the archive, runs a program or a
 * macro (`vbaProject.bin` is a .docm, not a .docx), or unpacks to more than 500 MB.
 * OpenDocument files also name their kind in the uncompressed "mimetype" entry they start with.
 */
function zipType(bytes: Uint8Array): DetectedType | null {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  let unpacked = 0;
  for (const entry of entries) {
    if (unsafeEntryName.test(entry.name) || executableEntry.test(entry.name)) return null;
    unpacked += entry.uncompressedSize;
  }
  if (unpacked > maxUnpackedBytes) return null;
  const names = new Set(entries.map((entry) => entry.name));
  const head = ascii(bytes, 0, 200);
  const candidates = requiredParts.filter(({ type }) =>
    type.extension.startsWith('od')
      ? head.includes(`mimetype${type.mediaType}`)
      : !head.includes('mimetypeapplication/vnd.oasis'),
  );
  return candidates.find(({ parts }) => parts.every((part) => names.has(part)))?.type ?? null;
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
