import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The heading of a page, with what one can do there (create, log) at the right. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between">
      <Title order={1}>{title}</Title>
      {children}
    </Group>
  );
}
