import type { ReactNode } from 'react';
import { SimpleGrid, Text } from '@mantine/core';

/** A label and its value: side by side on a wide screen, stacked on a phone. */
export function InfoRow({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing={2} verticalSpacing={2} py={6}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text
        size="sm"
        component="div"
        style={{ gridColumn: 'span 2', overflowWrap: 'anywhere' }}
        data-testid={testId}
      >
        {children}
      </Text>
    </SimpleGrid>
  );
}
