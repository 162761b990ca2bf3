import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications as toasts } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_CREATED_EVENT } from '@shared/contracts/notifications';
import {
  countUnreadNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  queryKeys,
} from '../../api/endpoints';
import { errorMessage } from '../../i18n/messages';
import { useLiveEvent } from '../../realtime/live';

/** The unread count, kept fresh by the live event (and refetched after a reconnect). */
export function useUnreadNotifications() {
  const queryClient = useQueryClient();
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.notificationsAll }),
    [queryClient],
  );
  useLiveEvent(NOTIFICATION_CREATED_EVENT, refresh, refresh);
  return useQuery({
    queryKey: queryKeys.unreadNotifications,
    queryFn: countUnreadNotifications,
    // Without a socket (a proxy that drops websockets) the bell still catches up.
    refetchInterval: 5 * 60_000,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const settle = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notificationsAll });
  const onError = (error: unknown) => toasts.show({ color: 'red', message: errorMessage(t, error) });
  const one = useMutation({ mutationFn: markNotificationRead, onSuccess: settle, onError });
  const all = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: settle, onError });
  return { one, all };
}
