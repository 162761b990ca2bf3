import { Checkbox, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_KIND, type TOrganisationKind, type TRole } from '@shared/contracts/organisations';

/** The roles valid for this kind of organisation, each with a one-line hint. */
export function RolesCheckboxes({
  kind,
  value,
  onChange,
  error,
  label,
  testIdPrefix,
}: {
  kind: TOrganisationKind;
  value: TRole[];
  onChange: (roles: TRole[]) => void;
  error?: string;
  label: string;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const allowed: readonly TRole[] = ROLES_BY_KIND[kind];
  return (
    <Checkbox.Group
      label={label}
      required
      value={value}
      onChange={(next) => onChange(allowed.filter((role) => next.includes(role)))}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {allowed.map((role) => (
          <Checkbox
            key={role}
            value={role}
            label={t(`labels.roles.${role}`)}
            description={t(`labels.roleHints.${role}`)}
            data-testid={`${testIdPrefix}-${role}`}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
