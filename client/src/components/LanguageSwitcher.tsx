import { SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZLocale, type TLocale, type TMeResponse } from '@shared/contracts/accounts';
import { queryKeys, updateMe } from '../api/endpoints';
import { currentLanguage, setLanguage } from '../i18n';

/** ID / EN. When someone is signed in, the choice is saved to their account too. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: TLocale) => updateMe({ locale }),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
    onError: () => notifications.show({ color: 'yellow', message: t('language.saveFailed') }),
  });

  const change = (value: string) => {
    const parsed = ZLocale.safeParse(value);
    if (!parsed.success) return;
    setLanguage(parsed.data);
    const me = queryClient.getQueryData<TMeResponse | null>(queryKeys.me);
    if (me && me.user.locale !== parsed.data) save.mutate(parsed.data);
  };

  return (
    <SegmentedControl
      size="xs"
      value={currentLanguage()}
      onChange={change}
      aria-label={t('language.label')}
      data-testid="language-switcher"
      data={[
        {
          value: 'id',
          label: (
            <span title={t('language.id')} lang="id">
              {t('language.short_id')}
            </span>
          ),
        },
        {
          value: 'en',
          label: (
            <span title={t('language.en')} lang="en">
              {t('language.short_en')}
            </span>
          ),
        },
      ]}
    />
  );
}
