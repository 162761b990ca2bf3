import { NativeSelect } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';

const ALL = 'all';

/** A list's status filter kept in the URL (`?status=`): the status if it is one of `statuses`, else none. */
export function useStatusFilter<S extends string>(statuses: readonly S[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const raw = searchParams.get('status');
  const status = statuses.find((value) => value === raw);
  const setStatus = (next: S | undefined) => setSearchParams(next ? { status: next } : {}, { replace: true });
  return { status, setStatus };
}

/** The select for useStatusFilter: "all" plus each status under its label. */
export function StatusFilter<S extends string>({
  label,
  allLabel,
  statuses,
  statusLabel,
  status,
  onChange,
  testId,
}: {
  label: string;
  allLabel: string;
  statuses: readonly S[];
  statusLabel: (status: S) => string;
  status: S | undefined;
  onChange: (status: S | undefined) => void;
  testId: string;
}) {
  return (
    <NativeSelect
      label={label}
      maw={{ base: '100%', xs: 280 }}
      value={status ?? ALL}
      onChange={(event) => onChange(statuses.find((value) => value === event.currentTarget.value))}
      data={[
        { value: ALL, label: allLabel },
        ...statuses.map((value) => ({ value, label: statusLabel(value) })),
      ]}
      data-testid={testId}
    />
  );
}
