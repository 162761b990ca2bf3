import request from 'supertest';
import { ZLegalityDocument, ZListLegalityDocumentsResponse } from '../../../shared/contracts/legality';
import { todayInWib } from '../../../shared/time';
import { agentFor, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { expiryStatus } from './legality.presenter';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(512, 1),
]);

const pirt = {
  type: 'pirt',
  // 2 kemasan · 06 jenis pangan · 3215 Kabupaten Karawang · 0101 · 23 · 28 (valid until 2028)
  number: 'P-IRT No. 206-3215-0101-23-28',
  issuer: 'Dinas Kesehatan Kabupaten Karawang',
  issuedOn: '2023-05-02',
  expiresOn: '2028-05-02',
};

async function seller() {
  const { user, organisation } = await createUser({ kind: 'umkm', roles: ['owner'] });
  return { agent: await agentFor(t.app, user), organisation };
}

describe('legality vault', () => {
  it('stores a P-IRT with its number normalised and its region checked, then its scan', async () => {
    const { agent } = await seller();
    const created = ZLegalityDocument.parse(
      (await agent.post('/api/legality/documents').send(pirt).expect(201)).body,
    );
    expect(created).toMatchObject({
      type: 'pirt',
      number: '206321501012328',
      expiryStatus: 'valid',
      file: null,
    });

    const uploaded = await agent
      .put(`/api/legality/documents/${created.id}/file`)
      .set('Content-Type', 'application/octet-stream')
      .send(PDF)
      .expect(200);
    expect(uploaded.body.file).toMatchObject({ contentType: 'application/pdf', size: PDF.length });

    const download = await agent.get(`/api/legality/documents/${created.id}/file`).buffer(true).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);

    const list = ZListLegalityDocumentsResponse.parse(
      (await agent.get('/api/legality/documents').expect(200)).body,
    );
    expect(list.items.map((d) => d.id)).toEqual([created.id]);
  });

  it('replacing a scan serves the new one', async () => {
    const { agent } = await seller();
    const doc = (await agent.post('/api/legality/documents').send(pirt).expect(201)).body;
    await agent
      .put(`/api/legality/documents/${doc.id}/file`)
      .set('Content-Type', 'application/pdf')
      .send(PDF)
      .expect(200);
    const replaced = await agent
      .put(`/api/legality/documents/${doc.id}/file`)
      .set('Content-Type', 'image/png')
      .send(PNG)
      .expect(200);
    expect(replaced.body.file.contentType).toBe('image/png');
    const download = await agent.get(`/api/legality/documents/${doc.id}/file`).buffer(true).expect(200);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
  });

  it.each([
    [{ ...pirt, number: '206999901012328' }, 'number'],
    [{ ...pirt, type: 'nib', number: '12345' }, 'number'],
    [{ ...pirt, type: 'bpom_md', number: 'ML 224510001234' }, 'number'],
    [{ ...pirt, expiresOn: '2023-05-01' }, 'expiresOn'],
    [{ ...pirt, issuedOn: '2099-01-01', expiresOn: '2100-01-01' }, 'issuedOn'],
    [{ ...pirt, issuedOn: '02-05-2023' }, 'issuedOn'],
  ])('refuses %o with an error on %s', async (body, field) => {
    const { agent } = await seller();
    const res = await agent.post('/api/legality/documents').send(body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((issue: { path: string[] }) => issue.path[0])).toContain(field);
  });

  it('refuses the same number twice', async () => {
    const { agent } = await seller();
    await agent.post('/api/legality/documents').send(pirt).expect(201);
    const again = await agent
      .post('/api/legality/documents')
      .send({ ...pirt, number: '206321501012328' })
      .expect(409);
    expect(again.body.error.code).toBe('ALREADY_EXISTS');
  });

  it('reads the file type from its content: a renamed executable is refused, a huge file too', async () => {
    const { agent } = await seller();
    const doc = (await agent.post('/api/legality/documents').send(pirt).expect(201)).body;
    const disguised = await agent
      .put(`/api/legality/documents/${doc.id}/file`)
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('MZ\x90\x00\x03 not a pdf at all'))
      .expect(415);
    expect(disguised.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await agent
      .put(`/api/legality/documents/${doc.id}/file`)
      .set('Content-Type', 'application/pdf')
      .send(huge)
      .expect(413);
    expect(tooLarge.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('5 MB'),
    });
    const empty = await agent
      .put(`/api/legality/documents/${doc.id}/file`)
      .set('Content-Type', 'application/pdf')
      .send(Buffer.alloc(0))
      .expect(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    // Nothing half-saved: the document still has no scan.
    const list = (await agent.get('/api/legality/documents').expect(200)).body;
    expect(list.items[0].file).toBeNull();
  });

  it("keeps sellers out of each other's vaults, lets Dinkop curators read scans, and deletes with the file", async () => {
    const owner = await seller();
    const doc = (await owner.agent.post('/api/legality/documents').send(pirt).expect(201)).body;
    await owner.agent
      .put(`/api/legality/documents/${doc.id}/file`)
      .set('Content-Type', 'application/pdf')
      .send(PDF)
      .expect(200);

    const stranger = await seller();
    await stranger.agent.get(`/api/legality/documents/${doc.id}/file`).expect(404);
    await stranger.agent.delete(`/api/legality/documents/${doc.id}`).expect(404);
    expect((await stranger.agent.get('/api/legality/documents').expect(200)).body.items).toEqual([]);

    const { user: curator } = await createUser({ kind: 'dinkop', roles: ['curator'] });
    const curatorAgent = await agentFor(t.app, curator);
    await curatorAgent.get(`/api/legality/documents/${doc.id}/file`).expect(200);

    await owner.agent.delete(`/api/legality/documents/${doc.id}`).expect(204);
    await curatorAgent.get(`/api/legality/documents/${doc.id}/file`).expect(404);
  });
});

it('refuses an upload from a signed-out caller before reading it', async () => {
  const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(6 * 1024 * 1024)]);
  const res = await request(t.app)
    .put('/api/legality/documents/0123456789abcdef01234567/file')
    .set('Content-Type', 'application/pdf')
    .send(huge)
    .expect(401);
  expect(res.body.error.code).toBe('UNAUTHENTICATED');
});

describe('expiry status in WIB', () => {
  const today = todayInWib(new Date('2026-11-23T10:00:00Z'));
  it.each([
    [null, 'no_expiry'],
    ['2026-11-22', 'expired'],
    ['2026-11-23', 'expiring_soon'],
    ['2026-12-23', 'expiring_soon'],
    ['2026-12-24', 'valid'],
  ])('a document expiring on %s is %s on 23 November 2026', (expiresOn, status) => {
    expect(expiryStatus(expiresOn, today)).toBe(status);
  });
});
