import { Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listNotifications, queryKeys, type NotificationFilters } from '../../api/endpoints';
import { PagedList } from '../../components/PagedList';
import { NotificationItem } from './NotificationItem';
import { useMarkNotificationsRead, useUnreadNotifications } from './useNotifications';

/** Every notice of the signed-in member, newest first, optionally only the unread ones. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const filters: NotificationFilters = { unreadOnly: show === 'unread' ? 'true' : 'false', limit: 20 };
  const query = useInfiniteQuery({
    queryKey: queryKeys.notifications(filters),
    queryFn: ({ pageParam }) => listNotifications(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const unread = useUnreadNotifications();
  const { all } = useMarkNotificationsRead();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        <Button
          variant="default"
          onClick={() => all.mutate()}
          disabled={(unread.data?.unread ?? 0) === 0}
          loading={all.isPending}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <SegmentedControl
        value={show}
        onChange={(value) => setShow(value === 'unread' ? 'unread' : 'all')}
        data={[
          { value: 'all', label: t('notifications.showAll') },
          { value: 'unread', label: t('notifications.showUnread') },
        ]}
        w="fit-content"
      />
      <PagedList
        query={query}
        count={items.length}
        empty={t('notifications.empty')}
        testIdPrefix="notifications"
        listTestId="notifications-list"
      >
        {items.map((notice) => (
          <NotificationItem key={notice.id} notice={notice} />
        ))}
      </PagedList>
    </Stack>
  );
}
