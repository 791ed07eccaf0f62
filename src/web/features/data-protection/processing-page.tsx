import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n } from '../../i18n';

interface Records {
  records: {
    name: string;
    data: string;
    purpose: string;
    legalBasis: string;
    retention: string;
    roles: string[];
  }[];
}

/** The records of processing (GDPR Art. 30), as the configuration makes them, with a PDF to hand on. */
export function ProcessingPage() {
  const { t, language } = useI18n();
  const records = useQuery({
    queryKey: ['records-of-processing', language],
    queryFn: () => api<Records>('GET', '/api/records-of-processing'),
  }).data?.records;
  return (
    <Stack>
      <Title order={1}>{t('processing.title')}</Title>
      <Anchor href="/api/records-of-processing?format=pdf" download>
        {t('processing.pdf')}
      </Anchor>
      {records?.map((record) => (
        <Card withBorder key={record.name}>
          <Title order={2} size="h4" mb="xs">
            {record.name}
          </Title>
          <Table>
            <Table.Tbody>
              {(
                [
                  ['processing.data', record.data],
                  ['processing.purpose', record.purpose],
                  ['processing.basis', record.legalBasis],
                  ['processing.retention', record.retention],
                  ['processing.access', record.roles.join(', ')],
                ] as const
              ).map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row" w="30%">
                    {t(label)}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm">{value}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </Stack>
  );
}
