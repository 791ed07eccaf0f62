import { Card, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A chart in a card, named for screen readers by its heading. */
export function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <figure aria-label={title} style={{ margin: 0 }}>
        <Title order={2} size="h4" mb="xs">
          {title}
        </Title>
        {children}
      </figure>
    </Card>
  );
}
