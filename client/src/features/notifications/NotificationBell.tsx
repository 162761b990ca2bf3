import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listNotifications, queryKeys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotificationItem } from './NotificationItem';
import { useMarkNotificationsRead, useUnreadNotifications } from './useNotifications';

const LATEST = { limit: 8 } as const;

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header bell: unread count, the latest notices, "mark all read" and the full list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const unread = useUnreadNotifications();
  const latest = useQuery({
    queryKey: queryKeys.notifications(LATEST),
    queryFn: () => listNotifications(LATEST),
    enabled: opened,
  });
  const { all } = useMarkNotificationsRead();
  const count = unread.data?.unread ?? 0;
  return (
    <Popover
      opened={opened}
      onChange={(next) => (next ? undefined : close())}
      position="bottom-end"
      width={340}
      withinPortal
      shadow="md"
    >
      <Popover.Target>
        <Indicator label={count > 99 ? '99+' : count} size={16} color="red" disabled={count === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={t('notifications.bell', { count })}
            data-testid="notification-bell"
            data-unread={count}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" px="xs" pb={4}>
          <Text fw={700} size="sm">
            {t('notifications.title')}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={() => all.mutate()}
            disabled={count === 0}
            loading={all.isPending}
            data-testid="notifications-read-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420} type="auto">
          <Stack gap={2} py={4}>
            {latest.isError && <ErrorAlert error={latest.error} onRetry={() => void latest.refetch()} />}
            {latest.isSuccess && latest.data.items.length === 0 && (
              <Text size="sm" c="dimmed" ta="center" py="md">
                {t('notifications.empty')}
              </Text>
            )}
            {latest.data?.items.map((notice) => (
              <NotificationItem key={notice.id} notice={notice} onOpen={close} />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Divider />
        <Anchor
          component={Link}
          to="/pemberitahuan"
          size="sm"
          display="block"
          ta="center"
          pt={6}
          onClick={close}
        >
          {t('notifications.seeAll')}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
