import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TOrganisationStatus, TRole } from '@shared/contracts/organisations';

const STATUS_COLOR: Record<TOrganisationStatus, string> = {
  pending_verification: 'yellow',
  verified: 'green',
  rejected: 'red',
};

export function StatusBadge({ status }: { status: TOrganisationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="organisation-status">
      {t(`labels.statuses.${status}`)}
    </Badge>
  );
}

export function RoleBadges({ roles }: { roles: readonly TRole[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} variant="outline" color="gray" size="sm">
          {t(`labels.roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
