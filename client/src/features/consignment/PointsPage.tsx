import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ZDisplayPointRequest,
  type TDisplayPoint,
  type TDisplayPointKind,
  type TDisplayPointRequest,
} from '@shared/contracts/consignment';
import { listMembers } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { useSession } from '../auth/session';
import { canManagePoints, canSeePoints } from './access';
import { consignmentKeys, listPoints, savePoint } from './api';
import { SettlementCard } from './SellerConsignmentPage';

type OperatorChoice = 'none' | 'dinkop_user' | 'person';

/** Add (no point given) or edit a display point; the whole point is sent either way. */
function PointForm({ point, onClose }: { point: TDisplayPoint | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useFieldErrors();
  const [name, setName] = useState(point?.name ?? '');
  const [kind, setKind] = useState<TDisplayPointKind>(point?.kind ?? 'pojok');
  const [districtCode, setDistrictCode] = useState(point?.district.code ?? '');
  const [commission, setCommission] = useState<number | string>(point?.commissionPercent ?? 10);
  const [operatorKind, setOperatorKind] = useState<OperatorChoice>(point?.operator?.kind ?? 'none');
  const [operatorUserId, setOperatorUserId] = useState<string | null>(
    point?.operator?.kind === 'dinkop_user' ? point.operator.userId : null,
  );
  const [personName, setPersonName] = useState(point?.operator?.kind === 'person' ? point.operator.name : '');
  const [personPhone, setPersonPhone] = useState(
    point?.operator?.kind === 'person' ? point.operator.phone : '',
  );
  const members = useQuery({ queryKey: ['organisation', 'members'], queryFn: listMembers });

  const mutation = useMutation({
    mutationFn: (body: TDisplayPointRequest) => savePoint(point?.id ?? null, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: consignmentKeys.points });
      notifications.show({ color: 'green', message: t('consignment.points.saved', { name: saved.name }) });
      onClose();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const operator =
      operatorKind === 'dinkop_user'
        ? { kind: 'dinkop_user' as const, userId: operatorUserId ?? '' }
        : operatorKind === 'person'
          ? { kind: 'person' as const, name: personName, phone: personPhone }
          : null;
    const body = { name, kind, districtCode, operator, commissionPercent: Number(commission) };
    const checked = validate(ZDisplayPointRequest, body, t);
    if (!checked.ok) {
      fields.setErrors(checked.errors);
      return;
    }
    mutation.mutate(checked.data);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('consignment.points.name')}
          value={name}
          {...fields.bind('name', setName)}
          required
        />
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as TDisplayPointKind)}
          data={[
            { value: 'galeri', label: t('consignment.kinds.galeri') },
            { value: 'pojok', label: t('consignment.kinds.pojok') },
          ]}
        />
        <TextInput
          label={t('consignment.points.districtCode')}
          description={t('consignment.points.districtCodeHint')}
          value={districtCode}
          {...fields.bind('districtCode', setDistrictCode)}
          required
        />
        <NumberInput
          label={t('consignment.points.commission')}
          value={commission}
          onChange={setCommission}
          min={0}
          max={100}
          decimalScale={2}
          suffix=" %"
          error={fields.errorOf('commissionPercent')}
        />
        <SegmentedControl
          value={operatorKind}
          onChange={(value) => setOperatorKind(value as OperatorChoice)}
          data={[
            { value: 'none', label: t('consignment.operator.none') },
            { value: 'dinkop_user', label: t('consignment.operator.dinkopUser') },
            { value: 'person', label: t('consignment.operator.person') },
          ]}
        />
        {operatorKind === 'dinkop_user' ? (
          <Select
            label={t('consignment.operator.dinkopUser')}
            data={(members.data?.members ?? []).map((member) => ({
              value: member.userId,
              label: member.name,
            }))}
            value={operatorUserId}
            onChange={setOperatorUserId}
            error={fields.errorOf('operator.userId')}
            searchable
          />
        ) : null}
        {operatorKind === 'person' ? (
          <Group grow>
            <TextInput
              label={t('consignment.operator.name')}
              value={personName}
              {...fields.bind('operator.name', setPersonName)}
            />
            <TextInput
              label={t('consignment.operator.phone')}
              value={personPhone}
              {...fields.bind('operator.phone', setPersonPhone)}
            />
          </Group>
        ) : null}
        {mutation.isError ? <ErrorAlert error={mutation.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('consignment.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="point-save">
            {t('consignment.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function operatorText(point: TDisplayPoint, unstaffed: string): string {
  if (!point.operator) return unstaffed;
  return point.operator.kind === 'person'
    ? `${point.operator.name} (${point.operator.phone})`
    : point.operator.name;
}

/** `/dinkop/titik-pajang`: the galeri and every pojok, with operator and commission; admins edit them. */
export function PointsPage() {
  const me = useSession();
  const { t } = useTranslation();
  const [editing, setEditing] = useState<TDisplayPoint | 'new' | null>(null);
  const query = useQuery({ queryKey: consignmentKeys.points, queryFn: ({ signal }) => listPoints(signal) });
  if (!canSeePoints(me)) {
    return (
      <Alert color="gray" variant="light">
        {t('consignment.dinkopOnly')}
      </Alert>
    );
  }
  const manage = canManagePoints(me);
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            {t('consignment.points.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('consignment.points.subtitle')}
          </Text>
        </div>
        {manage ? (
          <Button onClick={() => setEditing('new')} data-testid="point-add">
            {t('consignment.points.add')}
          </Button>
        ) : null}
      </Group>
      {query.isPending ? <PageLoader /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('consignment.points.name')}</Table.Th>
                  <Table.Th>{t('consignment.points.kecamatan')}</Table.Th>
                  <Table.Th>{t('consignment.operator.title')}</Table.Th>
                  <Table.Th>{t('consignment.points.commission')}</Table.Th>
                  {manage ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((point) => (
                  <Table.Tr key={point.id} data-testid="point-row">
                    <Table.Td>
                      <Group gap="xs">
                        {point.name}
                        <Badge variant="light">{t(`consignment.kinds.${point.kind}`)}</Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>{point.district.name}</Table.Td>
                    <Table.Td>{operatorText(point, t('consignment.operator.unstaffed'))}</Table.Td>
                    <Table.Td>{point.commissionPercent} %</Table.Td>
                    {manage ? (
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setEditing(point)}>
                          {t('consignment.edit')}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {query.data.items.length === 0 ? (
            <Text c="dimmed" p="md">
              {t('consignment.points.empty')}
            </Text>
          ) : null}
        </Card>
      ) : null}
      <SettlementCard showSeller />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('consignment.points.add') : t('consignment.edit')}
      >
        {editing !== null ? (
          <PointForm point={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
