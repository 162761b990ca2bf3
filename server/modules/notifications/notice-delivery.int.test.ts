import type { Express } from 'express';
import { Queue } from 'bullmq';
import { ZMeResponse } from '../../../shared/contracts/accounts';
import { QUEUES } from '../../../shared/jobs';
import { startInbox, type Inbox } from '../../../scripts/inbox/inbox';
import { agentFor, createUser } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { inboxEnv, startNoticePipeline, waitFor } from '../../../test/helpers/notices';
import { bullPrefix } from '../../platform/jobs';
import { UserModel } from '../accounts/user.model';
import { createNoticeSenders, deliverNotice, notify, type NoticeSenders } from '.';
import { NoticeDeliveryModel } from './notice-delivery.model';
import { noticeEmail, noticeWhatsApp } from './notice-templates';
import { NotificationModel, type NotificationDoc } from './notification.model';

/**
 * Notices out of the app: the relay and a real BullMQ worker in this process deliver through the real
 * SMTP and WhatsApp adapters to the local inbox (an SMTP server and a fake Cloud API on loopback).
 */
let inbox: Inbox;
let t: TestApp;
let senders: NoticeSenders;
let queue: Queue;

beforeAll(async () => {
  inbox = await startInbox();
  t = await startTestApp(inboxEnv(inbox));
  senders = createNoticeSenders(t.config);
  queue = new Queue(QUEUES.notices, { connection: t.redis, prefix: bullPrefix(t.config.REDIS_KEY_PREFIX) });
});
afterEach(() => inbox.clear());
afterAll(async () => {
  senders.email?.close();
  await queue.close();
  await t.close();
  await inbox.close();
});

async function member(
  options: Parameters<typeof createUser>[0] & { phone: string | null },
): Promise<Awaited<ReturnType<typeof createUser>>> {
  const created = await createUser(options);
  await UserModel.updateOne(
    { _id: created.user._id, organisationId: created.organisation._id },
    { $set: { phone: options.phone } },
  );
  return created;
}

async function noticeByKey(organisationId: string, dedupeKey: string) {
  return (await NotificationModel.findOne({ organisationId, dedupeKey }).lean<NotificationDoc>())!;
}

/** The delivery job of each notice has finished: nothing more will arrive for them. */
async function deliveredAll(organisationId: string, keys: string[]) {
  for (const key of keys) {
    const notice = await noticeByKey(organisationId, key);
    await waitFor(
      async () => (await (await queue.getJob(notice.outbox[0]!.id))?.getState()) === 'completed',
      20_000,
      `delivery of ${key}`,
    );
  }
}

it('reaches the members a notice addresses, by the channels of its kind, as each allows', async () => {
  const owner = await member({
    kind: 'umkm',
    roles: ['owner'],
    name: 'Sri Wahyuni',
    phone: '+6281211110001',
  });
  const orgId = String(owner.organisation._id);
  const staff = await member({
    organisation: owner.organisation,
    roles: ['staff'],
    name: 'Budi <Santoso>',
    phone: '+6281211110002',
  });
  const noPhone = await member({ organisation: owner.organisation, roles: ['staff'], phone: null });

  // Budi switches e-mail off on the account page; WhatsApp stays on.
  const agent = await agentFor(t.app as Express, staff.user);
  const me = ZMeResponse.parse(
    (
      await agent
        .patch('/api/me')
        .send({ notices: { email: false } })
        .expect(200)
    ).body,
  );
  expect(me.user.notices).toEqual({ email: false, whatsapp: true });
  await agent
    .patch('/api/me')
    .send({ notices: { sms: true } })
    .expect(400);

  await notify(orgId, {
    kind: 'legality.expiring',
    title: 'P-IRT 2063215010001-25 berakhir 7 hari lagi',
    body: 'Dokumen ini berlaku sampai 30 November 2026.\nPerbarui di brankas legalitas.',
    link: '/usaha/legalitas',
    roles: ['owner', 'staff'],
    dedupeKey: 'expiry',
  });
  await notify(orgId, {
    kind: 'product.approved',
    title: '"Keripik Tempe" disetujui',
    body: 'Produk Anda kini tampil di katalog pembeli.',
    link: '/usaha/produk/abc',
    roles: ['owner'],
    dedupeKey: 'approved',
  });
  // Waiting for review stays in the app.
  await notify(orgId, {
    kind: 'product.submitted',
    title: 'Menunggu kurasi',
    body: '-',
    dedupeKey: 'queued',
  });

  const pipeline = startNoticePipeline(t, senders);
  try {
    await deliveredAll(orgId, ['expiry', 'approved', 'queued']);
  } finally {
    await pipeline.stop();
  }

  const expiry = await noticeByKey(orgId, 'expiry');
  const emails = inbox.emails();
  // The expiry warning: the owner and the staff member without a phone (Budi opted out of e-mail);
  // the approval: the owner only, as addressed.
  expect(emails.map((mail) => mail.to[0]).sort()).toEqual(
    [owner.user.email, owner.user.email, noPhone.user.email].sort(),
  );
  const warning = emails.find(
    (mail) => mail.messageId.startsWith(`<notice.${String(expiry._id)}.`) && mail.to[0] === owner.user.email,
  )!;
  expect(warning).toMatchObject({
    messageId: `<notice.${String(expiry._id)}.${String(owner.user._id)}@pasar.example.id>`,
    from: expect.stringContaining('pemberitahuan@pasar.example.id'),
    subject: 'Pasar UMKM: P-IRT 2063215010001-25 berakhir 7 hari lagi',
    copies: 1,
  });
  expect(warning.text).toContain('Halo Sri Wahyuni,');
  expect(warning.text).toContain('berlaku sampai 30 November 2026.\nPerbarui di brankas legalitas.');
  expect(warning.text).toContain('Buka di Pasar UMKM: https://pasar.example.id/usaha/legalitas');
  expect(warning.html).toContain('href="https://pasar.example.id/akun"');

  // WhatsApp: the owner and Budi; the member without a phone cannot get one. One line per parameter.
  expect(
    inbox.whatsapp().map(({ to, template, parameters, copies }) => ({ to, template, parameters, copies })),
  ).toEqual(
    expect.arrayContaining(
      ['6281211110001', '6281211110002'].map((to) => ({
        to,
        template: 'pemberitahuan_pasar_umkm',
        parameters: [
          'P-IRT 2063215010001-25 berakhir 7 hari lagi',
          'Dokumen ini berlaku sampai 30 November 2026.; Perbarui di brankas legalitas.',
          'https://pasar.example.id/usaha/legalitas',
        ],
        copies: 1,
      })),
    ),
  );
  expect(inbox.whatsapp()).toHaveLength(2);

  const deliveries = await NoticeDeliveryModel.find({ organisationId: orgId }).lean();
  expect(deliveries).toHaveLength(5);
  expect(deliveries.every((d) => d.state === 'sent' && d.attempts === 1)).toBe(true);
});

it('escapes names and text in the HTML part', () => {
  const mail = noticeEmail(
    { title: 'Harga <naik> & "turun"', body: '<script>x</script>', link: null },
    'Budi <Santoso>',
    'https://pasar.example.id',
  );
  expect(mail.html).toContain('Budi &lt;Santoso&gt;');
  expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
  expect(mail.html).not.toContain('<script>');
  // Without a link of its own, a notice points at the notices page.
  expect(mail.text).toContain('https://pasar.example.id/pemberitahuan');
});

async function ownersNotice(key: string) {
  const owner = await member({ kind: 'umkm', roles: ['owner'], phone: '+6281233334444' });
  const orgId = String(owner.organisation._id);
  await notify(orgId, {
    kind: 'legality.expiring',
    title: 'NIB perlu diperiksa',
    body: 'Segera perbarui.',
    link: '/usaha/legalitas',
    dedupeKey: key,
  });
  const notice = await noticeByKey(orgId, key);
  const ref = `notice.${String(notice._id)}.${String(owner.user._id)}`;
  /** What an attempt that died after claiming both deliveries left behind. */
  const claimedByDeadAttempt = () =>
    NoticeDeliveryModel.create(
      (['email', 'whatsapp'] as const).map((channel) => ({
        organisationId: orgId,
        notificationId: notice._id,
        userId: owner.user._id,
        channel,
        address: channel === 'email' ? owner.user.email : '+6281233334444',
        state: 'sending' as const,
        attempts: 1,
        messageRef: channel === 'email' ? `<${ref}@pasar.example.id>` : ref,
        claimedAt: new Date(),
      })),
    );
  return { owner, orgId, notice, ref, claimedByDeadAttempt };
}

it('a retry after a worker died between claiming and sending sends exactly once', async () => {
  const { orgId, notice, claimedByDeadAttempt } = await ownersNotice('died-after-claim');
  await claimedByDeadAttempt();

  const ref = { organisationId: orgId, notificationId: String(notice._id) };
  expect(await deliverNotice(ref, senders)).toEqual({ sent: 2, alreadySent: 0 });
  // Any further retry finds both marked sent.
  expect(await deliverNotice(ref, senders)).toEqual({ sent: 0, alreadySent: 2 });
  expect(inbox.emails().map((mail) => mail.copies)).toEqual([1]);
  expect(inbox.whatsapp().map((message) => message.copies)).toEqual([1]);
  const deliveries = await NoticeDeliveryModel.find({ organisationId: orgId }).lean();
  expect(deliveries.map((d) => [d.state, d.attempts])).toEqual([
    ['sent', 2],
    ['sent', 2],
  ]);
});

it('a retry after a worker died between sending and marking resends under the same identity', async () => {
  const { owner, orgId, notice, ref, claimedByDeadAttempt } = await ownersNotice('died-after-send');
  await claimedByDeadAttempt();
  // The dead attempt had handed both messages over: the providers have them, the records do not say so.
  await senders.email!.send({
    to: { name: owner.user.name, address: owner.user.email },
    messageId: `<${ref}@pasar.example.id>`,
    ...noticeEmail(notice, owner.user.name, t.config.PUBLIC_URL),
  });
  await senders.whatsapp!.send({
    to: '+6281233334444',
    reference: ref,
    parameters: noticeWhatsApp(notice, t.config.PUBLIC_URL),
  });

  expect(await deliverNotice({ organisationId: orgId, notificationId: String(notice._id) }, senders)).toEqual(
    {
      sent: 2,
      alreadySent: 0,
    },
  );
  // Handed over twice, recognised downstream as one message each (residual risk: see adr/008).
  expect(inbox.emails().map((mail) => [mail.messageId, mail.copies])).toEqual([
    [`<${ref}@pasar.example.id>`, 2],
  ]);
  expect(inbox.whatsapp().map((message) => [message.reference, message.copies])).toEqual([[ref, 2]]);
});

it('retries a provider failure with backoff, sending only what did not go out, and keeps the job', async () => {
  const { orgId, notice } = await ownersNotice('provider-hiccup');
  inbox.failWhatsApp(2);
  const pipeline = startNoticePipeline(t, senders);
  try {
    await deliveredAll(orgId, ['provider-hiccup']);
  } finally {
    await pipeline.stop();
  }
  const job = (await queue.getJob(notice.outbox[0]!.id))!;
  expect(job.attemptsMade).toBe(3);
  expect(job.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 2_000 } });
  // Finished jobs are kept a day, failed ones a week: both visible on the queue dashboard.
  expect(job.opts.removeOnFail).toEqual({ age: 7 * 24 * 3600 });
  // The e-mail went out on the first attempt and was not sent again; WhatsApp on the third.
  expect(inbox.emails().map((mail) => mail.copies)).toEqual([1]);
  expect(inbox.whatsapp().map((message) => message.copies)).toEqual([1]);
  const whatsapp = await NoticeDeliveryModel.findOne({ organisationId: orgId, channel: 'whatsapp' }).lean();
  expect(whatsapp).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
}, 30_000);
