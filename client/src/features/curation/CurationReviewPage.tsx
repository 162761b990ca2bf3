import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { categoryKind } from '@shared/catalog/categories';
import type { TLocale } from '@shared/contracts/accounts';
import { ZObjectId } from '@shared/contracts/common';
import type { TLegalityDocument } from '@shared/contracts/legality';
import {
  type TProductHistoryEntry,
  type TProductVersion,
  type ZCurationReview,
} from '@shared/contracts/products';
import { LEGALITY_DOCUMENT_LABELS, LEGALITY_DOCUMENT_TYPES } from '@shared/legality/documents';
import {
  LEGALITY_REQUIREMENTS,
  missingLegality,
  recommendedLegality,
  type TLegalityDocumentState,
} from '@shared/legality/requirements';
import { formatRupiah } from '@shared/money';
import { canMove } from '@shared/states/product';
import { formatDateTimeWib, formatDateWib, todayInWib } from '@shared/time';
import { getCurationReview, legalityFileUrl, productPhotoUrl, queryKeys } from '../../api/endpoints';
import { detailPageState } from '../../components/PageProblem';
import { InfoRow } from '../../components/InfoRow';
import { currentLanguage } from '../../i18n';
import { localiseSharedMessage } from '../../i18n/messages';
import { useSession } from '../auth/session';
import { categoryLabel, formatDuration, formatNumber } from '../catalog/catalogFormat';
import { TierTable, leadTimeText, unitLabel } from '../catalog/CatalogParts';
import { PhotoGallery } from '../photos/PhotoGallery';
import { ApproveModal, RejectModal, RequestChangesModal, StartReviewButton } from './CurationActions';
import { ProductStatusBadge, waitingColor, waitingTime, type TMoveConflict } from './curationParts';
import { canCurateProducts } from './access';

type TCurationReview = z.infer<typeof ZCurationReview>;
type Dialog = 'approve' | 'changes' | 'reject' | null;

const EXPIRY_COLOR: Record<TLegalityDocument['expiryStatus'], string> = {
  no_expiry: 'gray',
  valid: 'green',
  expiring_soon: 'yellow',
  expired: 'red',
};

const CONTENT_FIELDS: readonly (keyof TProductVersion)[] = [
  'name',
  'description',
  'category',
  'unit',
  'weightGrams',
  'price',
  'priceTiers',
  'minimumOrder',
  'orderIncrement',
  'supply',
  'leadTimeDays',
  'shelfLifeDays',
  'photos',
];

/** What the seller changed against the version buyers see now (for an update of a listed product). */
function changedFields(content: TProductVersion, live: TProductVersion | null): (keyof TProductVersion)[] {
  if (!live) return [];
  return CONTENT_FIELDS.filter((key) => JSON.stringify(content[key]) !== JSON.stringify(live[key]));
}

/** A new revision of a product buyers can already order (once approved, the live version is this one). */
function isUpdateOfListed(review: TCurationReview): boolean {
  return review.live !== null && review.status !== 'approved';
}

function documentStates(documents: readonly TLegalityDocument[]): TLegalityDocumentState[] {
  return documents.map((doc) => ({
    type: doc.type,
    expiresOn: doc.expiresOn ? new Date(`${doc.expiresOn}T00:00:00Z`) : null,
  }));
}

export function sortDocuments(items: readonly TLegalityDocument[]): TLegalityDocument[] {
  const rank = (doc: TLegalityDocument) => LEGALITY_DOCUMENT_TYPES.indexOf(doc.type);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt));
}

function ProductContentCard({ review }: { review: TCurationReview }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const content = review.content;
  const unit = unitLabel(content.unit, t);
  const units = (count: number) => unitLabel(content.unit, t, count);
  const changed = changedFields(content, review.live);
  return (
    <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="curation-product">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('curation.productSection')}
        </Title>
        {isUpdateOfListed(review) && (
          <Alert color="blue" variant="light" p="xs" data-testid="curation-changed-fields">
            <Text size="sm">
              {changed.length > 0
                ? t('curation.changedFields', {
                    fields: changed.map((key) => t(`curation.fields.${key}`)).join(', '),
                  })
                : t('curation.noChangedFields')}
            </Text>
          </Alert>
        )}
        {content.photos.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="curation-no-photos">
            {t('photos.none')}
          </Text>
        ) : (
          <PhotoGallery
            photos={content.photos}
            urlOf={(photoId, size) => productPhotoUrl(review.id, photoId, size)}
            subject={content.name}
            testId="curation-photos"
          />
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {content.description}
        </Text>
        <Stack gap={0}>
          <InfoRow label={t('curation.fields.category')}>{categoryLabel(content.category, locale)}</InfoRow>
          <InfoRow label={t('curation.fields.price')}>
            {t('catalog.pricePer', { price: formatRupiah(content.price), unit })}
          </InfoRow>
          <InfoRow label={t('curation.fields.minimumOrder')}>
            {formatNumber(content.minimumOrder, locale)} {units(content.minimumOrder)}
          </InfoRow>
          <InfoRow label={t('curation.fields.orderIncrement')}>
            {t('catalog.incrementValue', {
              quantity: formatNumber(content.orderIncrement, locale),
              unit: units(content.orderIncrement),
            })}
          </InfoRow>
          <InfoRow label={t('curation.fields.supply')}>
            {content.supply.mode === 'stock'
              ? t('curation.stockOnHand', {
                  quantity: formatNumber(content.supply.stockOnHand, locale),
                  unit: units(content.supply.stockOnHand),
                })
              : t('curation.weeklyCapacity', {
                  quantity: formatNumber(content.supply.weeklyCapacity, locale),
                  unit: units(content.supply.weeklyCapacity),
                })}
          </InfoRow>
          <InfoRow label={t('curation.fields.leadTimeDays')}>
            {leadTimeText(
              { leadTimeDays: content.leadTimeDays, madeToOrder: content.supply.mode === 'capacity' },
              t,
              locale,
            )}
          </InfoRow>
          <InfoRow label={t('curation.fields.shelfLifeDays')}>
            {content.shelfLifeDays === null
              ? t('catalog.noShelfLife')
              : formatDuration(content.shelfLifeDays, 'day', locale)}
          </InfoRow>
          <InfoRow label={t('curation.fields.weightGrams')}>
            {t('catalog.weightValue', { grams: formatNumber(content.weightGrams, locale), unit })}
          </InfoRow>
        </Stack>
        <Text size="sm" fw={600}>
          {t('curation.fields.priceTiers')}
        </Text>
        {content.priceTiers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('curation.noTiers')}
          </Text>
        ) : (
          <TierTable product={content} />
        )}
      </Stack>
    </Card>
  );
}

/** The rules for the product's category, each met or not by the seller's documents today. */
function RequirementList({ review }: { review: TCurationReview }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const check = {
    category: review.content.category,
    documents: documentStates(review.documents),
    on: new Date(),
  };
  const unmet = [...missingLegality(check), ...recommendedLegality(check)];
  const today = todayInWib();
  const rules = LEGALITY_REQUIREMENTS[categoryKind(review.content.category)];
  return (
    <Stack gap={6} data-testid="curation-requirements">
      <Text size="sm" fw={600}>
        {t('curation.requirementsTitle')}
      </Text>
      {rules.map((rule) => {
        const met = !unmet.some((missing) => missing.anyOf.join() === rule.anyOf.join());
        const upcoming = rule.mandatoryFrom !== null && rule.mandatoryFrom > today;
        return (
          <Group key={rule.anyOf.join()} gap="xs" wrap="nowrap" align="flex-start" data-met={met}>
            <ThemeIcon
              size="sm"
              radius="xl"
              color={met ? 'green' : upcoming ? 'yellow' : 'red'}
              variant="light"
            >
              <Text size="xs" fw={700} aria-hidden>
                {met ? '✓' : '!'}
              </Text>
            </ThemeIcon>
            <Text size="sm">
              {rule.anyOf.map((type) => t(`catalog.badges.${type}`)).join(` ${t('curation.or')} `)}
              {' — '}
              {met
                ? t('curation.requirementMet')
                : upcoming && rule.mandatoryFrom
                  ? t('curation.requirementUpcoming', {
                      date: formatDateWib(`${rule.mandatoryFrom}T00:00:00+07:00`, locale),
                    })
                  : t('curation.requirementMissing')}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

/** One document with its expiry status; the scan link only for who may download it (admins and curators). */
export function DocumentRow({
  document,
  locale,
  downloadable = true,
}: {
  document: TLegalityDocument;
  locale: TLocale;
  downloadable?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="curation-document" data-document-type={document.type}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={600} size="sm" style={{ flex: '1 1 10rem' }}>
            {LEGALITY_DOCUMENT_LABELS[document.type][locale]}
          </Text>
          <Badge
            color={EXPIRY_COLOR[document.expiryStatus]}
            variant="light"
            data-testid="curation-document-expiry"
            data-status={document.expiryStatus}
          >
            {t(`labels.expiryStatuses.${document.expiryStatus}`)}
          </Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {document.number}
        </Text>
        <Text size="xs" c="dimmed">
          {document.issuer} · {t('curation.issuedOn', { date: formatDateWib(document.issuedOn, locale) })} ·{' '}
          {document.expiresOn
            ? t('curation.expiresOn', { date: formatDateWib(document.expiresOn, locale) })
            : t('legality.noExpiryValue')}
        </Text>
        <Group gap="xs">
          {!document.file ? (
            <Text size="xs" c="orange.8">
              {t('legality.noFile')}
            </Text>
          ) : downloadable ? (
            <Button
              component="a"
              href={legalityFileUrl(document.id)}
              download
              size="compact-xs"
              variant="light"
              data-testid="curation-document-download"
            >
              {t('curation.downloadScan')}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t('registry.scanOnFile')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function SellerCard({ review }: { review: TCurationReview }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const documents = sortDocuments(review.documents);
  return (
    <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="curation-seller">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('curation.sellerSection')}
        </Title>
        <div>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {review.seller?.name ?? t('curation.unknownSeller')}
          </Text>
          {review.seller?.districtName && (
            <Text size="sm" c="dimmed">
              {t('catalog.districtOf', { district: review.seller.districtName })}
            </Text>
          )}
          <Anchor component={Link} to={`/katalog/penjual/${review.organisationId}`} size="sm">
            {t('curation.sellerInCatalog')}
          </Anchor>
        </div>
        <RequirementList review={review} />
        <Text size="sm" fw={600}>
          {t('curation.documentsTitle', { count: documents.length })}
        </Text>
        {documents.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="curation-no-documents">
            {t('curation.noDocuments')}
          </Text>
        )}
        <Stack gap="xs">
          {documents.map((document) => (
            <DocumentRow key={document.id} document={document} locale={locale} />
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

function HistoryItem({ entry }: { entry: TProductHistoryEntry }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Stack gap={4} data-testid="curation-history-entry" data-to={entry.to}>
      {entry.listingChange && (
        <Text size="sm" fw={600} c={entry.listingChange === 'unlisted' ? 'red' : 'green'}>
          {t(`products.listingChange.${entry.listingChange}`)}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('curation.historyBy', {
          name: entry.byName,
          side: t(`products.historyOrg.${entry.byOrganisationKind}`),
          date: formatDateTimeWib(entry.at, locale),
          revision: entry.revision,
        })}
      </Text>
      {entry.reason && (
        <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {entry.to === 'rejected'
            ? t('curation.historyReason', { reason: entry.reason })
            : t('curation.historyNote', { note: entry.reason })}
        </Text>
      )}
      {entry.changes.length > 0 && (
        <List size="sm" spacing={2}>
          {entry.changes.map((change) => (
            <List.Item key={change.item}>
              <Text span size="sm" fw={600}>
                {t(`curation.checklist.${change.item}`)}:
              </Text>{' '}
              <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
                {change.note}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {entry.missingLegality.length > 0 && (
        <List size="sm" spacing={2}>
          {entry.missingLegality.map((reason) => (
            <List.Item key={reason}>{localiseSharedMessage(reason)}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function HistoryCard({ history }: { history: readonly TProductHistoryEntry[] }) {
  const { t } = useTranslation();
  const newestFirst = [...history].reverse();
  return (
    <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="curation-history">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('curation.historySection')}
        </Title>
        {newestFirst.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('curation.noHistory')}
          </Text>
        ) : (
          <Timeline active={0} bulletSize={14} lineWidth={2}>
            {newestFirst.map((entry, index) => (
              <Timeline.Item key={`${entry.at}-${index}`} title={t(`curation.events.${entry.to}`)}>
                <HistoryItem entry={entry} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Card>
  );
}

function ConflictAlert({ conflict, onClose }: { conflict: TMoveConflict; onClose: () => void }) {
  const { t } = useTranslation();
  if (conflict.missingLegality && conflict.missingLegality.length > 0) {
    return (
      <Alert
        color="orange"
        variant="light"
        title={t('curation.legalityLapsedTitle')}
        withCloseButton
        onClose={onClose}
        role="alert"
        data-testid="curation-missing-legality"
      >
        <Stack gap="xs">
          <List size="sm" spacing={2}>
            {conflict.missingLegality.map((missing) => (
              <List.Item key={missing.reason}>{localiseSharedMessage(missing.reason)}</List.Item>
            ))}
          </List>
          <Text size="sm">{t('curation.legalityLapsedHint')}</Text>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('curation.conflictTitle')}
      withCloseButton
      onClose={onClose}
      role="alert"
      data-testid="curation-conflict"
    >
      <Text size="sm">
        {t('curation.conflictBody', { status: t(`curation.statuses.${conflict.currentStatus}`) })}
      </Text>
    </Alert>
  );
}

export function CurationReviewPage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const { productId = '' } = useParams();
  const validId = ZObjectId.safeParse(productId).success;
  const allowed = canCurateProducts(me);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [conflict, setConflict] = useState<TMoveConflict | null>(null);

  const query = useQuery({
    queryKey: queryKeys.curationReview(productId),
    queryFn: ({ signal }) => getCurationReview(productId, signal),
    enabled: allowed && validId,
  });

  const back = (
    <Anchor component={Link} to="/dinkop/kurasi" size="sm" data-testid="curation-back">
      {t('curation.backToQueue')}
    </Anchor>
  );

  if (!allowed) {
    return (
      <Alert color="gray" variant="light" data-testid="curation-no-access">
        {t('curation.noAccess')}
      </Alert>
    );
  }
  const problem = detailPageState(query, {
    validId,
    back,
    notFound: { text: t('curation.notFound'), testId: 'curation-not-found' },
  });
  if (problem) return problem;

  const review = query.data!;
  const status = review.status;
  const waiting =
    review.submittedAt && (status === 'submitted' || status === 'in_review')
      ? waitingTime(review.submittedAt, locale)
      : null;

  const onConflict = (found: TMoveConflict) => {
    setDialog(null);
    setConflict(found);
    void queryClient.invalidateQueries({ queryKey: queryKeys.curationAll });
  };
  const onDone = () => {
    setDialog(null);
    setConflict(null);
  };
  const modalProps = {
    productId: review.id,
    productName: review.content.name,
    onClose: () => setDialog(null),
    onConflict,
    onDone,
  };
  // After an approval refused for lapsed legality, the request for changes starts from those reasons.
  const legalityNote = conflict?.missingLegality?.length
    ? conflict.missingLegality
        .map((missing) => localiseSharedMessage(missing.reason))
        .join('; ')
        .slice(0, 500)
    : undefined;

  return (
    <Stack gap="lg">
      {back}
      <div>
        <Group gap="xs" mb={4}>
          <ProductStatusBadge status={status} testId="curation-status" />
          <Badge variant="outline" color="gray">
            {categoryLabel(review.content.category, locale)}
          </Badge>
          {isUpdateOfListed(review) && (
            <Badge variant="outline" color="blue">
              {t('curation.updateOfListed')}
            </Badge>
          )}
        </Group>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }} data-testid="curation-product-name">
          {review.content.name}
        </Title>
        <Group gap="xs" mt={4}>
          {waiting && (
            <Badge color={waitingColor(waiting.days)} variant="light">
              {t('curation.waiting', { duration: waiting.text })}
            </Badge>
          )}
          {review.submittedAt && (
            <Text size="xs" c="dimmed">
              {t('curation.submittedAt', { date: formatDateTimeWib(review.submittedAt, locale) })}
            </Text>
          )}
        </Group>
      </div>

      {conflict && <ConflictAlert conflict={conflict} onClose={() => setConflict(null)} />}

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="curation-actions">
        <Stack gap="sm">
          <Text size="sm">{t(`curation.actionHints.${status}`)}</Text>
          {canMove('startReview', status) && (
            <StartReviewButton productId={review.id} onConflict={onConflict} onDone={onDone} />
          )}
          {(canMove('approve', status) || canMove('requestChanges', status) || canMove('reject', status)) && (
            <Group gap="xs">
              {canMove('approve', status) && (
                <Button color="green" onClick={() => setDialog('approve')} data-testid="curation-approve">
                  {t('curation.approve')}
                </Button>
              )}
              {canMove('requestChanges', status) && (
                <Button
                  color="orange"
                  variant="light"
                  onClick={() => setDialog('changes')}
                  data-testid="curation-request-changes"
                >
                  {t('curation.requestChanges')}
                </Button>
              )}
              {canMove('reject', status) && (
                <Button
                  color="red"
                  variant="light"
                  onClick={() => setDialog('reject')}
                  data-testid="curation-reject"
                >
                  {t('curation.reject')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ProductContentCard review={review} />
        <SellerCard review={review} />
      </SimpleGrid>

      <HistoryCard history={review.history} />

      {dialog === 'approve' && <ApproveModal {...modalProps} />}
      {dialog === 'reject' && <RejectModal {...modalProps} />}
      {dialog === 'changes' && (
        <RequestChangesModal {...modalProps} initial={legalityNote ? { legality: legalityNote } : {}} />
      )}
    </Stack>
  );
}
