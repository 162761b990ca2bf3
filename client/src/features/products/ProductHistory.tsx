import { Badge, Group, List, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTimeWib } from '@shared/time';
import type { TProductHistoryEntry } from '@shared/contracts/products';
import { currentLanguage } from '../../i18n';
import { localiseSharedMessage } from '../../i18n/messages';
import { PRODUCT_STATUS_COLOR } from './productDisplay';

function HistoryEntry({ entry }: { entry: TProductHistoryEntry }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Stack gap={6} mt={4}>
      <Text size="xs" c="dimmed">
        {t('products.historyBy', {
          name: entry.byName,
          org: t(`products.historyOrg.${entry.byOrganisationKind}`),
          date: formatDateTimeWib(entry.at, locale),
        })}
      </Text>
      {entry.reason && (
        <div>
          <Text size="sm" fw={600}>
            {entry.to === 'approved' ? t('products.historyNote') : t('products.historyReason')}
          </Text>
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
            data-testid="history-reason"
          >
            {entry.reason}
          </Text>
        </div>
      )}
      {entry.changes.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('products.historyChanges')}
          </Text>
          <List size="sm" spacing={2} data-testid="history-changes">
            {entry.changes.map((change, index) => (
              <List.Item key={index} style={{ overflowWrap: 'anywhere' }}>
                <Text span size="sm" fw={600}>
                  {t(`products.checklist.${change.item}`)}:
                </Text>{' '}
                {change.note}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {entry.missingLegality.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('products.historyMissing')}
          </Text>
          <List size="sm" spacing={2} data-testid="history-missing-legality">
            {entry.missingLegality.map((reason) => (
              <List.Item key={reason}>{localiseSharedMessage(reason)}</List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}

/** The audit trail of curation moves, newest first: who, when, from which status to which, and why. */
export function ProductHistory({ history }: { history: readonly TProductHistoryEntry[] }) {
  const { t } = useTranslation();
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="product-history">
        {t('products.historyEmpty')}
      </Text>
    );
  }
  const newestFirst = [...history].reverse();
  return (
    <Timeline active={newestFirst.length - 1} bulletSize={18} lineWidth={2} data-testid="product-history">
      {newestFirst.map((entry, index) => (
        <Timeline.Item
          key={`${entry.at}-${index}`}
          data-testid="product-history-entry"
          data-to={entry.to}
          data-listing-change={entry.listingChange ?? undefined}
          bullet={
            <ThemeIcon
              size={18}
              radius="xl"
              color={entry.listingChange === 'unlisted' ? 'red' : PRODUCT_STATUS_COLOR[entry.to]}
            />
          }
          title={
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {entry.listingChange
                  ? t(`products.listingChange.${entry.listingChange}`)
                  : entry.from
                    ? t('products.historyMove', {
                        from: t(`productStatus.${entry.from}`),
                        to: t(`productStatus.${entry.to}`),
                      })
                    : t(`productStatus.${entry.to}`)}
              </Text>
              <Badge size="xs" variant="outline" color="gray">
                {t('products.historyRevision', { revision: entry.revision })}
              </Badge>
            </Group>
          }
        >
          <HistoryEntry entry={entry} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
