import { Link } from 'react-router-dom';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getOrganisation, queryKeys } from '../../api/endpoints';
import { useSession } from '../auth/session';

/** Shown to an organisation Dinkop has not verified yet (or has rejected, with the reason). */
export function VerificationBanner({ showProfileLink = true }: { showProfileLink?: boolean }) {
  const me = useSession();
  const { t } = useTranslation();
  const status = me.organisation.status;
  // The reason is on the organisation, not in /api/me.
  const organisation = useQuery({
    queryKey: queryKeys.organisation,
    queryFn: getOrganisation,
    enabled: status === 'rejected',
  });
  if (status === 'verified') return null;

  if (status === 'pending_verification') {
    return (
      <Alert
        color="yellow"
        variant="light"
        title={t('verificationBanner.pendingTitle')}
        data-testid="verification-banner"
      >
        <Text size="sm">{t('verificationBanner.pendingBody')}</Text>
      </Alert>
    );
  }

  const reason = organisation.data?.rejectionReason;
  return (
    <Alert
      color="red"
      variant="light"
      title={t('verificationBanner.rejectedTitle')}
      data-testid="verification-banner"
    >
      <Stack gap="xs">
        <Text size="sm">{t('verificationBanner.rejectedBody')}</Text>
        {organisation.data && (
          <Text size="sm" fw={600} data-testid="rejection-reason">
            {reason ? t('verificationBanner.reason', { reason }) : t('verificationBanner.noReason')}
          </Text>
        )}
        {showProfileLink && (
          <div>
            <Button component={Link} to="/organisasi" size="xs" variant="white" color="red">
              {t('verificationBanner.editProfile')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
