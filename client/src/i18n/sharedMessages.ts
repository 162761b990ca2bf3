/**
 * The shared zod schemas carry their own Indonesian messages (e.g. 'Kata sandi minimal 10 karakter'),
 * and the server writes a few more into `details.issues`. A message written into a schema wins over
 * zod's locale, so in English those would stay Indonesian: this table gives their English text.
 * A message missing here is shown as it is.
 */
export const SHARED_MESSAGES_EN: Record<string, string> = {
  'Kata sandi wajib diisi': 'Password is required',
  'Tidak ada perubahan': 'Nothing has changed',
  'ID tidak valid': 'Invalid ID',
  'Alamat e-mail tidak valid': 'Invalid e-mail address',
  'Nomor telepon tidak valid, contoh: 0812 3456 7890': 'Invalid phone number, for example: 0812 3456 7890',
  'Kata sandi minimal 10 karakter': 'Password must be at least 10 characters',
  'Kata sandi maksimal 128 karakter': 'Password must be at most 128 characters',
  'Kata sandi harus berisi huruf dan angka': 'Password must contain letters and digits',
  'Nama minimal 2 karakter': 'Name must be at least 2 characters',
  'Nama organisasi minimal 3 karakter': 'Organisation name must be at least 3 characters',
  'Pilih minimal satu peran': 'Choose at least one role',
  'Alasan minimal 10 karakter, agar pendaftar tahu apa yang harus diperbaiki':
    'Reason must be at least 10 characters, so the applicant knows what to fix',
  'Kode provinsi tidak valid': 'Invalid province code',
  'Kode kabupaten/kota tidak valid': 'Invalid regency/city code',
  'Kode kecamatan tidak valid': 'Invalid district (kecamatan) code',
  'Kode desa/kelurahan tidak valid': 'Invalid village code',
  'Alamat jalan minimal 5 karakter': 'Street address must be at least 5 characters',
  'Kode pos 5 angka': 'Postal code is 5 digits',
  // written by the server (server/modules/**), not by the shared schemas
  'E-mail sudah terdaftar': 'This e-mail is already registered',
  'Kata sandi saat ini salah': 'The current password is wrong',
  'Peran tidak sesuai jenis organisasi': 'A role does not fit this kind of organisation',
  'Kursor tidak valid': 'Invalid cursor',
  'Kecamatan tidak dikenal.': 'Unknown district (kecamatan).',
  'Desa/kelurahan tidak ada di kecamatan ini.': 'This village is not in the chosen district.',
};

export function isSharedMessage(message: string): boolean {
  return Object.hasOwn(SHARED_MESSAGES_EN, message);
}
