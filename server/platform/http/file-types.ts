import { isUtf8 } from 'node:buffer';

/** Any byte: RIFF files carry their length before the format name. */
const ANY = null;

/**
 * File types decided from the first bytes, never from the name or the declared Content-Type: a renamed
 * .exe stays an .exe. Only what sellers upload: legality scans, product photos and product CSVs.
 */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extension: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
  png: {
    contentType: 'image/png',
    extension: 'png',
    magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  },
  // "RIFF" <4 bytes of length> "WEBP"
  webp: {
    contentType: 'image/webp',
    extension: 'webp',
    magic: [[0x52, 0x49, 0x46, 0x46, ANY, ANY, ANY, ANY, 0x57, 0x45, 0x42, 0x50]],
  },
  // No signature: recognised as plain UTF-8 text, and only where a route accepts it (product imports).
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', magic: [] },
} as const;

export type FileType = keyof typeof FILE_TYPES;

/** UTF-8 without control characters but tab and line breaks: what no binary file (or UTF-16 text) is. */
function isPlainUtf8Text(data: Buffer): boolean {
  const TAB = 0x09;
  const LF = 0x0a;
  const CR = 0x0d;
  const DEL = 0x7f;
  // Bytes below 0x80 never occur inside a multi-byte UTF-8 character, so a control character is one byte.
  return (
    isUtf8(data) &&
    data.every((byte) => (byte < 0x20 ? byte === TAB || byte === LF || byte === CR : byte !== DEL))
  );
}

/** The type by signature; a file with none is CSV when the route accepts CSV and the bytes are plain text. */
export function detectFileType(data: Buffer, accepted: readonly FileType[] = []): FileType | null {
  const matches = (signature: readonly (number | null)[]) =>
    signature.every((byte, i) => byte === ANY || data[i] === byte);
  for (const [type, { magic }] of Object.entries(FILE_TYPES) as Array<
    [FileType, (typeof FILE_TYPES)[FileType]]
  >) {
    if (magic.some(matches)) return type;
  }
  return accepted.includes('csv') && isPlainUtf8Text(data) ? 'csv' : null;
}

/** The file extension for a stored content type, for download names. */
export function extensionFor(contentType: string): string {
  return Object.values(FILE_TYPES).find((type) => type.contentType === contentType)?.extension ?? 'bin';
}
