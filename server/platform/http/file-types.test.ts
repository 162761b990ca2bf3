import { detectFileType, extensionFor } from './file-types';

describe('file type detection', () => {
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))).toBe('jpeg');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(detectFileType(Buffer.from('MZ\x90\x00 this is an exe'))).toBeNull();
    expect(detectFileType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectFileType(Buffer.from('%PD'))).toBeNull();
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
  });
});

it('names downloads by their stored type', () => {
  expect(['application/pdf', 'image/jpeg', 'image/png', 'text/plain'].map(extensionFor)).toEqual([
    'pdf',
    'jpg',
    'png',
    'bin',
  ]);
});
