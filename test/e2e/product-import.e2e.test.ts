import { Worker } from 'bullmq';
import { QUEUES } from '../../shared/jobs';
import { bullPrefix } from '../../server/platform/jobs';
import { createWorkerRedis } from '../../server/platform/redis';
import { createStorage } from '../../server/platform/storage';
import { productImportProcessor } from '../../workers/processors/product-import';
import { createUser } from '../factories';
import { startBrowserApp, type BrowserApp } from '../helpers/browser';
import { testServiceUrls } from '../helpers/app';

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 60_000);
afterAll(() => b?.close());

const DESCRIPTION = 'Keripik tempe renyah dari kedelai lokal, digoreng dengan minyak baru setiap pagi.';
const CSV = [
  'nama;deskripsi;kategori;satuan;berat_gram;harga;harga_grosir;minimal_order;kelipatan;stok;kapasitas_mingguan;lama_produksi_hari;masa_simpan_hari',
  `Keripik Tempe 250 g;${DESCRIPTION};makanan_ringan;pak;250;Rp 15.000;100:13500;20;10;;2000;5;120`,
  `Opak Ketan;${DESCRIPTION};makanan_ringan;pak;150;9000;;25;10;;1000;3;60`,
  `Kerupuk Kulit;${DESCRIPTION};Makanan ringan;pak;100;12.000;;10;10;300;;0;90`,
].join('\n');

it('a seller on a phone imports a CSV from the product list: progress, the drafts, and the rows to fix', async () => {
  const connection = createWorkerRedis(testServiceUrls().redis);
  const worker = new Worker(
    QUEUES['product-import'],
    productImportProcessor({ storage: createStorage(b.t.config) }),
    { connection, prefix: bullPrefix(b.t.config.REDIS_KEY_PREFIX) },
  );
  const { user } = await createUser({ kind: 'umkm', roles: ['staff'] });
  const context = await b.signedInAs(user, 360);
  try {
    const page = await context.newPage();
    await page.goto(`${b.baseUrl}/usaha/produk`);
    await page.getByTestId('product-import').click();
    await page.getByTestId('import-template').waitFor();
    await page
      .getByTestId('import-file-input')
      .setInputFiles({ name: 'produk.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });

    await page.locator('[data-testid="import-result"][data-status="done"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-created').textContent()).toBe('2 produk dibuat sebagai draf');
    expect(await page.getByTestId('import-invalid').textContent()).toBe(
      '1 baris tidak diimpor karena ada kesalahan',
    );
    expect(await page.getByTestId('import-error-row').allTextContents()).toEqual([
      '3minimal_orderMinimum pesanan harus kelipatan 10 (kelipatan pesanan)',
    ]);
    // Reloading keeps the result on screen: the import is in the address.
    expect(new URL(page.url()).searchParams.get('impor')).toMatch(/^[a-f0-9]{24}$/);

    await page.getByTestId('import-drafts').click();
    await page.getByTestId('product-row').first().waitFor();
    expect((await page.getByTestId('product-row-name').allTextContents()).sort()).toEqual([
      'Keripik Tempe 250 g',
      'Kerupuk Kulit',
    ]);
  } finally {
    await context.close();
    await worker.close();
    connection.disconnect();
  }
});
