import { detectFileType, extensionFor } from './file-types';

describe('file type detection', () => {
  it('recognises PDF, JPEG, PNG and WebP by their first bytes', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))).toBe('jpeg');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png');
    expect(detectFileType(Buffer.from('RIFF\x24\x0f\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(detectFileType(Buffer.from('MZ\x90\x00 this is an exe'))).toBeNull();
    expect(detectFileType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectFileType(Buffer.from('%PD'))).toBeNull();
    // Other RIFF files (WAV sound, AVI video) are not photos.
    expect(detectFileType(Buffer.from('RIFF\x24\x0f\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(detectFileType(Buffer.from('RIFF'))).toBeNull();
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
  });
});

it('names downloads by their stored type', () => {
  expect(
    ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'text/plain'].map(extensionFor),
  ).toEqual(['pdf', 'jpg', 'png', 'webp', 'bin']);
});

it('takes plain UTF-8 text as CSV only where CSV is accepted, and nothing binary or UTF-16', () => {
  const csv = Buffer.from('\uFEFFnama;harga\r\nKeripik "pedas";Rp 15.000\tx\n');
  expect(detectFileType(csv, ['csv'])).toBe('csv');
  expect(detectFileType(csv, ['pdf', 'jpeg', 'png'])).toBeNull();
  expect(detectFileType(Buffer.from('nama,harga\n\x00\x01', 'latin1'), ['csv'])).toBeNull();
  expect(detectFileType(Buffer.from('nama;harga\nkeripik;15000', 'utf16le'), ['csv'])).toBeNull();
  // Latin-1 "é" (an old Excel "CSV" in ANSI) is not UTF-8.
  expect(detectFileType(Buffer.from('nama\nkue caf\xe9\n', 'latin1'), ['csv'])).toBeNull();
  expect(detectFileType(Buffer.from('%PDF-1.7\n'), ['csv'])).toBe('pdf');
});
