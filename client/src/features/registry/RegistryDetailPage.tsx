import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Card, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZObjectId } from '@shared/contracts/common';
import type { TUmkmRegistryProduct } from '@shared/contracts/registry';
import type { TUmkmProfile } from '@shared/contracts/umkm';
import { formatDateTimeWib } from '@shared/time';
import { ApiError } from '../../api/client';
import { getRegistryDetail, getUmkmProfileForDinkop, queryKeys } from '../../api/endpoints';
import { StatusBadge } from '../../components/Badges';
import { InfoRow } from '../../components/InfoRow';
import { PageLoader } from '../../components/PageLoader';
import { PageProblem } from '../../components/PageProblem';
import { currentLanguage } from '../../i18n';
import { localiseSharedMessage } from '../../i18n/messages';
import { useSession } from '../auth/session';
import { categoryLabel } from '../catalog/catalogFormat';
import { canCurateProducts } from '../curation/access';
import { ProductStatusBadge } from '../curation/curationParts';
import { DocumentRow, sortDocuments } from '../curation/CurationReviewPage';
import { canSeeRegistry, EntryFacts, LegalityBadges } from './registryParts';

function ProfileCard({ profile }: { profile: TUmkmProfile }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="registry-profile">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('registry.profileSection')}
        </Title>
        <Stack gap={0}>
          <InfoRow label={t('umkmProfile.nib')}>{profile.nib ?? t('app.notSet')}</InfoRow>
          <InfoRow label={t('umkmProfile.npwp')}>{profile.npwp ?? t('app.notSet')}</InfoRow>
          <InfoRow label={t('umkmProfile.taxStatus')}>
            {profile.isPkp ? t('umkmProfile.pkpYes') : t('umkmProfile.pkpNo')}
          </InfoRow>
          <InfoRow label={t('umkmProfile.category')}>
            {profile.category ? categoryLabel(profile.category, locale) : t('app.notSet')}
          </InfoRow>
          <InfoRow label={t('umkmProfile.programmes')}>
            {profile.programmeTags.length > 0
              ? profile.programmeTags.join(', ')
              : t('umkmProfile.noProgrammes')}
          </InfoRow>
        </Stack>
        {profile.story && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {profile.story}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Products with Dinkop open link to their review page; the others are shown for context. */
function ProductRow({ product, canReview }: { product: TUmkmRegistryProduct; canReview: boolean }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const inCuration = product.status === 'submitted' || product.status === 'in_review';
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="registry-product" data-status={product.status}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs">
          {inCuration && canReview ? (
            <Anchor
              component={Link}
              to={`/dinkop/kurasi/${product.id}`}
              fw={600}
              size="sm"
              style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}
              data-testid="registry-product-review"
            >
              {product.name}
            </Anchor>
          ) : (
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}>
              {product.name}
            </Text>
          )}
          <Group gap={4}>
            {product.listed && (
              <Badge color="green" variant="outline" size="sm">
                {t('registry.onSale')}
              </Badge>
            )}
            <ProductStatusBadge status={product.status} />
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {categoryLabel(product.category, locale)} ·{' '}
          {t('registry.updatedAt', { date: formatDateTimeWib(product.updatedAt, locale) })}
        </Text>
        {product.missingLegality.length > 0 && (
          <List size="sm" spacing={2} c="red.8" data-testid="registry-product-missing">
            {product.missingLegality.map((missing) => (
              <List.Item key={missing.anyOf.join()}>{localiseSharedMessage(missing.reason)}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

export function RegistryDetailPage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { organisationId = '' } = useParams();
  const validId = ZObjectId.safeParse(organisationId).success;
  const allowed = canSeeRegistry(me);
  const canReview = canCurateProducts(me);

  const detail = useQuery({
    queryKey: queryKeys.registryDetail(organisationId),
    queryFn: ({ signal }) => getRegistryDetail(organisationId, signal),
    enabled: allowed && validId,
  });
  const profile = useQuery({
    queryKey: queryKeys.dinkopUmkmProfile(organisationId),
    queryFn: ({ signal }) => getUmkmProfileForDinkop(organisationId, signal),
    enabled: allowed && validId,
  });

  const back = (
    <Anchor component={Link} to="/dinkop/registri" size="sm" data-testid="registry-back">
      {t('registry.back')}
    </Anchor>
  );
  if (!allowed) {
    return (
      <Alert color="gray" variant="light" data-testid="registry-no-access">
        {t('registry.noAccess')}
      </Alert>
    );
  }
  const notFound = !validId || (detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND');
  if (notFound || detail.isError) {
    return (
      <PageProblem
        back={back}
        notFound={notFound ? { text: t('registry.notFound'), testId: 'registry-not-found' } : undefined}
        error={detail.error}
        onRetry={() => void detail.refetch()}
      />
    );
  }
  if (!detail.data) return <PageLoader />;

  const { entry, products } = detail.data;
  const documents = sortDocuments(detail.data.documents);
  return (
    <Stack gap="lg">
      {back}
      <div>
        <Group gap="xs" mb={4}>
          <StatusBadge status={entry.status} />
          <LegalityBadges entry={entry} />
        </Group>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }} data-testid="registry-name">
          {entry.name}
        </Title>
        <Text c="dimmed" size="sm">
          {entry.district
            ? t('catalog.districtOf', { district: entry.district.name })
            : t('registry.noDistrict')}
        </Text>
      </div>

      <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <EntryFacts entry={entry} />
      </Card>

      {profile.data && <ProfileCard profile={profile.data} />}

      <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="registry-document-list">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('registry.documentsSection', { count: documents.length })}
          </Title>
          {documents.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('registry.noDocuments')}
            </Text>
          )}
          {documents.map((document) => (
            <DocumentRow key={document.id} document={document} locale={locale} downloadable={canReview} />
          ))}
        </Stack>
      </Card>

      <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="registry-product-list">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('registry.productsSection', { count: products.length })}
          </Title>
          {products.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('registry.noProducts')}
            </Text>
          )}
          {products.map((product) => (
            <ProductRow key={product.id} product={product} canReview={canReview} />
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
