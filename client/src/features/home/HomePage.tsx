import { Link } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TMeResponse } from '@shared/contracts/accounts';
import { listOrganisationsForDinkop, queryKeys, type OrganisationListFilters } from '../../api/endpoints';
import { RoleBadges, StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { canSeeVerificationQueue, useSession } from '../auth/session';
import { VerificationBanner } from './VerificationBanner';
import { CatalogHomeCard } from '../catalog/CatalogHomeCard';
import { CurationHomeCard } from '../curation/CurationHomeCard';
import { canCurateProducts } from '../curation/access';
import { canWorkSellerOrders } from '../orders/access';
import { BuyerOrdersHomeCard, SellerOrdersHomeCard } from '../orders/OrdersHomeCards';
import { ProductsHomeCard } from '../products/ProductsHomeCard';
import { RegistryHomeCard } from '../registry/RegistryHomeCard';
import { canSeeRegistry } from '../registry/registryParts';

function ComingSoon({ items }: { items: string[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" data-testid="coming-soon">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('home.comingSoonTitle')}</Text>
        <Badge color="gray" variant="light">
          {t('app.comingSoon')}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('home.comingSoonHint')}
      </Text>
      <List size="sm" c="dimmed" spacing={4}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </Card>
  );
}

const PENDING_FILTERS: OrganisationListFilters = { status: 'pending_verification', limit: 100 };

/** For Dinkop admins and curators: how many registrations wait (counted on one page of up to 100). */
function VerificationQueueCard() {
  const { t } = useTranslation();
  const pending = useQuery({
    queryKey: [...queryKeys.dinkopAll, 'pending-count'],
    queryFn: ({ signal }) => listOrganisationsForDinkop(PENDING_FILTERS, null, signal),
  });
  const firstPage = pending.data;
  const count = firstPage?.items.length ?? 0;
  return (
    <Card withBorder radius="md" data-testid="verification-queue-card">
      <Stack gap="sm">
        <Text fw={600}>{t('home.verificationQueue')}</Text>
        {pending.isPending && <Skeleton h={20} />}
        {pending.isError && <ErrorAlert error={pending.error} onRetry={() => void pending.refetch()} />}
        {firstPage && (
          <Text size="sm">
            {count === 0
              ? t('home.pendingNone')
              : firstPage.nextCursor
                ? t('home.pendingCountMore', { count })
                : t('home.pendingCount', { count })}
          </Text>
        )}
        <div>
          <Button component={Link} to="/dinkop/verifikasi" variant="light">
            {t('home.openQueue')}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}

/** For UMKM: the business profile and the legality vault, which Dinkop curation starts from. */
function BusinessDataCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" data-testid="umkm-business-card">
      <Stack gap="sm">
        <Text fw={600}>{t('home.businessTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('home.businessHint')}
        </Text>
        <Group gap="xs">
          <Button component={Link} to="/usaha/profil" variant="light" data-testid="home-umkm-profile">
            {t('nav.umkmProfile')}
          </Button>
          <Button component={Link} to="/usaha/legalitas" variant="light" data-testid="home-legality">
            {t('nav.legality')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function comingSoonFor(me: TMeResponse, t: TFunction): string[] {
  switch (me.organisation.kind) {
    case 'buyer':
      return [t('home.soonBuyer.parcels'), t('home.soonBuyer.approvals'), t('home.soonBuyer.invoices')];
    case 'umkm':
      return [t('home.soonUmkm.payouts')];
    case 'dinkop':
      return [t('home.soonDinkop.monitoring'), t('home.soonDinkop.galeri'), t('home.soonDinkop.exports')];
  }
}

export function HomePage() {
  const me = useSession();
  const { t } = useTranslation();
  const org = me.organisation;
  const intro =
    org.kind === 'buyer'
      ? t('home.buyerIntro', { org: org.name })
      : org.kind === 'umkm'
        ? t('home.umkmIntro', { org: org.name })
        : t('home.dinkopIntro', { org: org.name });
  const kindLabel = org.buyerType ? t(`labels.buyerTypes.${org.buyerType}`) : t(`labels.kinds.${org.kind}`);

  return (
    <Stack gap="lg" data-testid={`home-${org.kind}`}>
      <div>
        <Title order={1} size="h2" data-testid="home-heading">
          {t('home.welcome', { name: me.user.name })}
        </Title>
        <Text c="dimmed">{intro}</Text>
      </div>

      <VerificationBanner />

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder radius="md">
          <Stack gap="xs">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('home.yourOrganisation')}
            </Text>
            <Text fw={700} size="lg" data-testid="home-organisation-name">
              {org.name}
            </Text>
            <Group gap="xs">
              <Badge variant="light" color="blue">
                {kindLabel}
              </Badge>
              <StatusBadge status={org.status} />
            </Group>
            <Text size="xs" c="dimmed" mt="xs">
              {t('home.yourRoles')}
            </Text>
            <RoleBadges roles={me.user.roles} />
          </Stack>
        </Card>

        <Card withBorder radius="md">
          <Stack gap="xs">
            <Text fw={600}>{t('home.quickLinks')}</Text>
            <Anchor component={Link} to="/organisasi">
              {t('nav.organisation')}
            </Anchor>
            <Anchor component={Link} to="/organisasi/anggota">
              {t('nav.members')}
            </Anchor>
            {canSeeVerificationQueue(me) && (
              <Anchor component={Link} to="/dinkop/verifikasi">
                {t('nav.verification')}
              </Anchor>
            )}
            <Anchor component={Link} to="/akun">
              {t('nav.account')}
            </Anchor>
          </Stack>
        </Card>

        {org.kind === 'buyer' && <CatalogHomeCard />}
        {org.kind === 'buyer' && <BuyerOrdersHomeCard />}
        {canWorkSellerOrders(me) && <SellerOrdersHomeCard />}
        {canSeeVerificationQueue(me) && <VerificationQueueCard />}
        {canCurateProducts(me) && <CurationHomeCard />}
        {canSeeRegistry(me) && <RegistryHomeCard />}
        {org.kind === 'umkm' && <BusinessDataCard />}
        {org.kind === 'umkm' && <ProductsHomeCard />}
        <ComingSoon items={comingSoonFor(me, t)} />
      </SimpleGrid>
    </Stack>
  );
}
