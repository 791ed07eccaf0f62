import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A titled card of a case or project page (activities, plans, assessments, documents,
 * enrolments, budget, timeline), its actions — buttons that open dialogs, a filter — at
 * the top right.
 */
export function Panel({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}
