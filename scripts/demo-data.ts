import type { TBuyerType, TOrganisationStatus } from '../shared/contracts/organisations';

/** One password for every demo account, printed by `npm run demo`; never used outside demo data. */
export const DEMO_PASSWORD = 'PasarUMKM2026';

export const DINKOP = {
  name: 'Dinas Koperasi dan UKM Kabupaten Karawang',
  users: [
    { email: 'admin@dinkop.karawangkab.go.id', name: 'Hendra Gunawan', roles: ['admin'] as const },
    { email: 'kurator@dinkop.karawangkab.go.id', name: 'Dewi Lestari', roles: ['curator'] as const },
    { email: 'analis@dinkop.karawangkab.go.id', name: 'Agus Setiawan', roles: ['analyst'] as const },
  ],
};

interface DemoOrganisation {
  slug: string;
  name: string;
  districtCode: string;
  street: string;
  status: TOrganisationStatus;
  rejectionReason?: string;
}

/** A dozen UMKM in real Karawang kecamatan, selling what those places are known for. */
export const UMKM: DemoOrganisation[] = [
  {
    slug: 'keripik-tempe-klari',
    name: 'Keripik Tempe Bu Ani',
    districtCode: '32.15.05',
    street: 'Jl. Raya Klari No. 27',
    status: 'verified',
  },
  {
    slug: 'opak-rengasdengklok',
    name: 'Opak Ketan Rengasdengklok',
    districtCode: '32.15.06',
    street: 'Jl. Proklamasi No. 8',
    status: 'verified',
  },
  {
    slug: 'kopi-karawang-barat',
    name: 'Kopi Tanjungpura',
    districtCode: '32.15.01',
    street: 'Jl. Tuparev No. 112',
    status: 'verified',
  },
  {
    slug: 'batik-telukjambe',
    name: 'Batik Sekar Karawang',
    districtCode: '32.15.03',
    street: 'Perum Griya Telukjambe Blok C2',
    status: 'verified',
  },
  {
    slug: 'dodol-cikampek',
    name: 'Dodol Ketan Cikampek Asli',
    districtCode: '32.15.13',
    street: 'Jl. Ahmad Yani No. 45',
    status: 'verified',
  },
  {
    slug: 'madu-pangkalan',
    name: 'Madu Hutan Pangkalan',
    districtCode: '32.15.02',
    street: 'Kp. Cigentis RT 02/05',
    status: 'verified',
  },
  {
    slug: 'kerupuk-jatisari',
    name: 'Kerupuk Kulit Jatisari',
    districtCode: '32.15.14',
    street: 'Jl. Raya Jatisari No. 3',
    status: 'verified',
  },
  {
    slug: 'anyaman-tegalwaru',
    name: 'Anyaman Bambu Tegalwaru',
    districtCode: '32.15.28',
    street: 'Kp. Loji RT 01/03',
    status: 'verified',
  },
  {
    slug: 'emping-cilamaya',
    name: 'Emping Melinjo Cilamaya',
    districtCode: '32.15.15',
    street: 'Jl. Raya Cilamaya No. 19',
    status: 'verified',
  },
  {
    slug: 'bandeng-pedes',
    name: 'Bandeng Presto Pedes',
    districtCode: '32.15.10',
    street: 'Jl. Raya Pedes No. 5',
    status: 'pending_verification',
  },
  {
    slug: 'beras-tirtajaya',
    name: 'Beras Organik Tirtajaya',
    districtCode: '32.15.09',
    street: 'Dusun Krajan RT 03/01',
    status: 'pending_verification',
  },
  {
    slug: 'rajut-purwasari',
    name: 'Tas Rajut Purwasari',
    districtCode: '32.15.29',
    street: 'Jl. Purwasari Indah',
    status: 'rejected',
    rejectionReason: 'Alamat usaha belum lengkap: cantumkan nomor rumah dan RT/RW agar dapat dikunjungi.',
  },
];

export const BUYERS: Array<DemoOrganisation & { buyerType: TBuyerType }> = [
  {
    slug: 'kopkar-kiic',
    name: 'Koperasi Karyawan Sejahtera KIIC',
    buyerType: 'koperasi_karyawan',
    districtCode: '32.15.27',
    street: 'Kawasan Industri KIIC, Jl. Permata Raya Lot C',
    status: 'verified',
  },
  {
    slug: 'kopkar-suryacipta',
    name: 'Kopkar Suryacipta Mandiri',
    buyerType: 'koperasi_karyawan',
    districtCode: '32.15.04',
    street: 'Kawasan Suryacipta, Jl. Surya Utama Kav. 12',
    status: 'verified',
  },
  {
    slug: 'hotel-tanjungpura',
    name: 'Hotel Grand Tanjungpura',
    buyerType: 'hotel',
    districtCode: '32.15.01',
    street: 'Jl. Jend. Ahmad Yani No. 88',
    status: 'verified',
  },
  {
    slug: 'rm-saung-sunda',
    name: 'Rumah Makan Saung Sunda',
    buyerType: 'restaurant',
    districtCode: '32.15.26',
    street: 'Jl. Arteri Tol Karawang Timur No. 7',
    status: 'verified',
  },
  {
    slug: 'pt-mitra-pangan',
    name: 'PT Mitra Pangan Nusantara',
    buyerType: 'company',
    districtCode: '32.15.13',
    street: 'Jl. Raya Cikampek-Purwakarta Km 3',
    status: 'verified',
  },
  {
    slug: 'minimarket-berkah',
    name: 'Minimarket Berkah Jaya',
    buyerType: 'minimarket',
    districtCode: '32.15.06',
    street: 'Jl. Pasar Rengasdengklok No. 2',
    status: 'pending_verification',
  },
];

export const emailFor = (slug: string) => `pemilik@${slug}.contoh.id`;
export const buyerEmailFor = (slug: string) => `admin@${slug}.contoh.id`;
