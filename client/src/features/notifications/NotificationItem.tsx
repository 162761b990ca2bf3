import { Group, Indicator, Stack, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import type { TNotification } from '@shared/contracts/notifications';
import { formatDateTimeWib } from '@shared/time';
import { currentLanguage } from '../../i18n';
import { useMarkNotificationsRead } from './useNotifications';

/** One notice: opening it marks it read and goes where it points. */
export function NotificationItem({ notice, onOpen }: { notice: TNotification; onOpen?: () => void }) {
  const navigate = useNavigate();
  const { one } = useMarkNotificationsRead();
  const open = () => {
    if (!notice.read) one.mutate(notice.id);
    onOpen?.();
    if (notice.link) void navigate(notice.link);
  };
  return (
    <UnstyledButton
      onClick={open}
      p="xs"
      style={{ borderRadius: 'var(--mantine-radius-sm)', width: '100%' }}
      bg={notice.read ? undefined : 'var(--mantine-color-green-light)'}
      data-testid="notification"
      data-kind={notice.kind}
      data-read={notice.read}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Indicator disabled={notice.read} color="green" size={8} mt={6} position="middle-start">
          <span />
        </Indicator>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={notice.read ? 500 : 700} style={{ overflowWrap: 'anywhere' }}>
            {notice.title}
          </Text>
          <Text
            size="xs"
            c="dimmed"
            style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
            lineClamp={4}
          >
            {notice.body}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTimeWib(notice.createdAt, currentLanguage())}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
