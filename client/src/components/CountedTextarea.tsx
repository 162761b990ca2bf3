import { Text, Textarea, type TextareaProps } from '@mantine/core';

/** A long text field with its characters counted below it, so a seller sees the limit before hitting it. */
export function CountedTextarea({ countLabel, ...props }: TextareaProps & { countLabel: string }) {
  return (
    <>
      <Textarea autosize minRows={4} maxRows={12} {...props} />
      <Text size="xs" c="dimmed" ta="right" mt={-8} aria-live="polite">
        {countLabel}
      </Text>
    </>
  );
}
