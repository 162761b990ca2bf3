import { useEffect, useRef, useState, type ComponentProps } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  FileButton,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CATEGORIES } from '@shared/catalog/categories';
import { PRODUCT_IMPORT_COLUMN_NAMES, PRODUCT_IMPORT_COLUMNS } from '@shared/catalog/import-columns';
import { ZObjectId } from '@shared/contracts/common';
import {
  PRODUCT_IMPORT_MAX_BYTES,
  PRODUCT_IMPORT_MAX_REPORTED_ERRORS,
  PRODUCT_IMPORT_MAX_ROWS,
  type TProductImport,
  type TProductImportStatus,
} from '@shared/contracts/product-imports';
import { PRODUCT_UNITS } from '@shared/contracts/products';
import { formatDateTimeWib } from '@shared/time';
import { ApiError } from '../../api/client';
import {
  getProductImport,
  listRecentProductImports,
  productImportTemplateUrl,
  queryKeys,
  uploadProductImport,
} from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { PageProblem } from '../../components/PageProblem';
import { currentLanguage } from '../../i18n';
import { localiseSharedMessage } from '../../i18n/messages';
import { useSession } from '../auth/session';
import { categoryLabel, formatQuantity } from './productDisplay';

/** The import shown on the page, in the URL so a reload (or a link) keeps it. */
const IMPORT_PARAM = 'impor';
/** While an import runs, its progress is asked for this often. */
const POLL_MS = 1_500;
const MAX_SIZE = `${PRODUCT_IMPORT_MAX_BYTES / 1024 / 1024} MB`;

const STATUS_COLOR: Record<TProductImportStatus, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
};

const isUnderway = (status: TProductImportStatus) => status === 'queued' || status === 'running';

/** What the picker offers; the server decides from the content, this only catches a spreadsheet file. */
const FILE_ACCEPT = '.csv,.txt,text/csv,text/plain';
const FILE_EXTENSIONS = ['csv', 'txt'];

function ImportStatusBadge({ status }: { status: TProductImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="import-status" data-status={status}>
      {t(`productImport.statuses.${status}`)}
    </Badge>
  );
}

function TemplateSection() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('productImport.templateTitle')}
        </Title>
        <Text size="sm">{t('productImport.templateHint')}</Text>
        <div>
          <Button
            component="a"
            href={productImportTemplateUrl}
            download
            variant="light"
            data-testid="import-template"
          >
            {t('productImport.templateDownload')}
          </Button>
        </div>
        <Accordion variant="contained" chevronPosition="left">
          <Accordion.Item value="columns">
            <Accordion.Control>{t('productImport.guideTitle')}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                <Text size="sm">{t('productImport.guideIntro')}</Text>
                <List size="sm" spacing={4}>
                  {PRODUCT_IMPORT_COLUMN_NAMES.map((column) => (
                    <List.Item key={column}>
                      <Code>{column}</Code>{' '}
                      <Text span size="xs" c={PRODUCT_IMPORT_COLUMNS[column].required ? 'red' : 'dimmed'}>
                        (
                        {PRODUCT_IMPORT_COLUMNS[column].required
                          ? t('productImport.required')
                          : t('productImport.optional')}
                        )
                      </Text>{' '}
                      — {t(`productImport.columns.${column}`)}
                    </List.Item>
                  ))}
                </List>
                <Text size="sm" fw={600}>
                  {t('productImport.categoriesTitle')}
                </Text>
                <List size="sm" spacing={2}>
                  {PRODUCT_CATEGORIES.map((category) => (
                    <List.Item key={category.id}>
                      <Code>{category.id}</Code> — {categoryLabel(category.id, locale)}
                    </List.Item>
                  ))}
                </List>
                <Text size="sm" fw={600}>
                  {t('productImport.unitsTitle')}
                </Text>
                <Text size="sm">
                  {PRODUCT_UNITS.map((unit) => (
                    <Code key={unit} mr={6}>
                      {unit}
                    </Code>
                  ))}
                </Text>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    </Paper>
  );
}

/** Upload refusals in words about files; anything else keeps the generic message of its code. */
function uploadErrorMessage(error: unknown, t: TFunction): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  switch (error.code) {
    case 'UNSUPPORTED_MEDIA_TYPE':
      return t('productImport.fileRejected');
    case 'PAYLOAD_TOO_LARGE':
      return t('productImport.fileTooLarge', { max: MAX_SIZE });
    case 'VALIDATION_FAILED':
      return t('productImport.fileProblems');
    case 'SERVICE_UNAVAILABLE':
      return t('productImport.queueUnavailable');
    default:
      return undefined;
  }
}

function UploadSection({ onStarted }: { onStarted: (productImport: TProductImport) => void }) {
  const { t } = useTranslation();
  const resetRef = useRef<() => void>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: uploadProductImport,
    onSuccess: (started) => {
      notifications.show({ color: 'green', message: t('productImport.uploaded') });
      onStarted(started);
    },
    // The same file may be picked again after it was fixed.
    onSettled: () => resetRef.current?.(),
  });

  const pick = (file: File | null) => {
    if (!file) return;
    mutation.reset();
    const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
    let problem: string | null = null;
    if (file.size === 0) problem = t('productImport.fileEmpty', { name: file.name });
    else if (file.size > PRODUCT_IMPORT_MAX_BYTES)
      problem = t('productImport.fileTooLarge', { max: MAX_SIZE });
    else if (!FILE_EXTENSIONS.includes(extension))
      problem = t('productImport.fileWrongType', { name: file.name });
    setClientError(problem);
    if (problem) resetRef.current?.();
    else mutation.mutate(file);
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('productImport.uploadTitle')}
        </Title>
        <Text size="sm">
          {t('productImport.uploadHint', {
            max: MAX_SIZE,
            rows: formatQuantity(PRODUCT_IMPORT_MAX_ROWS, currentLanguage()),
          })}
        </Text>
        <div>
          <FileButton
            onChange={pick}
            accept={FILE_ACCEPT}
            resetRef={resetRef}
            disabled={mutation.isPending}
            inputProps={{ 'data-testid': 'import-file-input' } as ComponentProps<'input'>}
          >
            {(props) => (
              <Button {...props} loading={mutation.isPending} data-testid="import-upload">
                {t('productImport.choose')}
              </Button>
            )}
          </FileButton>
        </div>
        {clientError && (
          <Alert color="red" variant="light" role="alert" data-testid="import-file-error">
            <Text size="sm">{clientError}</Text>
          </Alert>
        )}
        {mutation.isError && (
          <ErrorAlert
            error={mutation.error}
            message={uploadErrorMessage(mutation.error, t)}
            showIssues
            testId="import-file-error"
          />
        )}
      </Stack>
    </Paper>
  );
}

function RowErrors({ productImport }: { productImport: TProductImport }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('productImport.errorsTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('productImport.errorsHint')}
      </Text>
      <Table.ScrollContainer minWidth={320}>
        <Table striped verticalSpacing="xs" fz="sm" data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={56}>{t('productImport.row')}</Table.Th>
              <Table.Th>{t('productImport.column')}</Table.Th>
              <Table.Th>{t('productImport.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {productImport.errors.map((error, index) => (
              <Table.Tr key={index} data-testid="import-error-row">
                <Table.Td>{error.row}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {error.column === null ? t('productImport.wholeRow') : <Code>{error.column}</Code>}
                </Table.Td>
                <Table.Td>{localiseSharedMessage(error.message)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {productImport.errorsTruncated && (
        <Text size="sm" c="dimmed">
          {t('productImport.errorsTruncated', { count: PRODUCT_IMPORT_MAX_REPORTED_ERRORS })}
        </Text>
      )}
    </Stack>
  );
}

function ImportResult({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.productImport(importId),
    queryFn: ({ signal }) => getProductImport(importId, signal),
    refetchInterval: (current) =>
      current.state.data && isUnderway(current.state.data.status) ? POLL_MS : false,
  });
  const status = query.data?.status;
  useEffect(() => {
    // Finished: the product list and the recent imports have changed.
    if (!status || isUnderway(status)) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.myProductsAll });
    void queryClient.invalidateQueries({ queryKey: queryKeys.recentProductImports });
  }, [status, queryClient]);

  if (!query.data) {
    if (query.isPending) return <PageLoader />;
    const notFound = query.error instanceof ApiError && query.error.code === 'NOT_FOUND';
    return (
      <PageProblem
        back={null}
        notFound={notFound ? { text: t('productImport.notFound'), testId: 'import-not-found' } : undefined}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const productImport = query.data;
  const { rows } = productImport;
  const underway = isUnderway(productImport.status);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'lg' }}
      data-testid="import-result"
      data-status={productImport.status}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={2} size="h4">
              {t('productImport.resultTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('productImport.uploadedAt', { date: formatDateTimeWib(productImport.createdAt, locale) })}
            </Text>
          </div>
          <ImportStatusBadge status={productImport.status} />
        </Group>
        {underway && (
          <Stack gap={4}>
            <Progress
              value={rows.total === 0 ? 0 : (rows.processed / rows.total) * 100}
              animated
              striped
              size="lg"
              aria-label={t('productImport.progressLabel')}
              data-testid="import-progress"
            />
            <Text size="sm" aria-live="polite">
              {t('productImport.progress', {
                processed: formatQuantity(rows.processed, locale),
                total: formatQuantity(rows.total, locale),
              })}
            </Text>
          </Stack>
        )}
        {productImport.status === 'failed' && (
          <Alert
            color="red"
            variant="light"
            title={t('productImport.failedTitle')}
            data-testid="import-failure"
          >
            {localiseSharedMessage(productImport.failure ?? '')}
          </Alert>
        )}
        {!underway && (
          <Stack gap="xs">
            <Text fw={600} data-testid="import-created">
              {t('productImport.created', { count: rows.created })}
            </Text>
            {rows.invalid > 0 && (
              <Text c="red" data-testid="import-invalid">
                {t('productImport.invalid', { count: rows.invalid })}
              </Text>
            )}
            {rows.created > 0 && (
              <div>
                <Button
                  component={Link}
                  to="/usaha/produk?status=draft"
                  variant="light"
                  data-testid="import-drafts"
                >
                  {t('productImport.viewDrafts')}
                </Button>
              </div>
            )}
          </Stack>
        )}
        {productImport.errors.length > 0 && <RowErrors productImport={productImport} />}
      </Stack>
    </Paper>
  );
}

function RecentImports({ currentId }: { currentId: string | null }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const query = useQuery({
    queryKey: queryKeys.recentProductImports,
    queryFn: ({ signal }) => listRecentProductImports(signal),
  });
  const items = query.data?.items.filter((item) => item.id !== currentId) ?? [];
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (items.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('productImport.recentTitle')}
      </Title>
      {items.map((item) => (
        <Card
          key={item.id}
          withBorder
          radius="md"
          p="sm"
          component={Link}
          to={`?${IMPORT_PARAM}=${item.id}`}
          data-testid="import-recent"
          style={{ color: 'inherit', textDecoration: 'none' }}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                {formatDateTimeWib(item.createdAt, locale)}
              </Text>
              <Text size="sm" c="dimmed">
                {t('productImport.recentCounts', {
                  created: formatQuantity(item.rows.created, locale),
                  invalid: formatQuantity(item.rows.invalid, locale),
                })}
              </Text>
            </div>
            <ImportStatusBadge status={item.status} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

export function ProductImportPage() {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const importId = ZObjectId.safeParse(searchParams.get(IMPORT_PARAM));

  if (me.organisation.kind !== 'umkm') {
    return (
      <Alert color="gray" variant="light" data-testid="umkm-only">
        {t('umkmProfile.umkmOnly')}
      </Alert>
    );
  }

  const started = (productImport: TProductImport) => {
    queryClient.setQueryData(queryKeys.productImport(productImport.id), productImport);
    void queryClient.invalidateQueries({ queryKey: queryKeys.recentProductImports });
    setSearchParams({ [IMPORT_PARAM]: productImport.id });
  };

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/usaha/produk" size="sm">
          ← {t('products.backToList')}
        </Anchor>
        <Title order={1} size="h2" mt={4}>
          {t('productImport.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('productImport.subtitle')}
        </Text>
      </div>
      <TemplateSection />
      <UploadSection onStarted={started} />
      {importId.success && <ImportResult key={importId.data} importId={importId.data} />}
      <RecentImports currentId={importId.success ? importId.data : null} />
    </Stack>
  );
}
