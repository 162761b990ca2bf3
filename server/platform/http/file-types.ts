/**
 * File types decided from the first bytes, never from the name or the declared Content-Type: a renamed
 * .exe stays an .exe. Only what sellers upload as legality scans and product photos.
 */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extension: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
  png: {
    contentType: 'image/png',
    extension: 'png',
    magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  },
} as const;

export type FileType = keyof typeof FILE_TYPES;

export function detectFileType(data: Buffer): FileType | null {
  for (const [type, { magic }] of Object.entries(FILE_TYPES) as Array<
    [FileType, (typeof FILE_TYPES)[FileType]]
  >) {
    if (magic.some((signature) => signature.every((byte, i) => data[i] === byte))) return type;
  }
  return null;
}

/** The file extension for a stored content type, for download names. */
export function extensionFor(contentType: string): string {
  return Object.values(FILE_TYPES).find((type) => type.contentType === contentType)?.extension ?? 'bin';
}
