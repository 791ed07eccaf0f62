import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SearchResult } from '../../shared/contracts/registry';
import { formatDate } from '../../shared/i18n';
import { api } from '../api';
import { useI18n } from '../i18n';

type Person = SearchResult['results'][number];

function describe(person: Person): string {
  const born = person.birthDate
    ? formatDate(person.birthDate)
    : person.birthYear
      ? String(person.birthYear)
      : '';
  return `${person.familyName} ${person.givenName}${born ? `, ${born}` : ''}`;
}

/**
 * Finds a person or a family as one types (the caller's search scope, at least two
 * letters). With `pick="family"` each of the person's families is an option.
 */
export function PersonPicker({
  label,
  pick,
  value,
  onChange,
  error,
}: {
  label: string;
  pick: 'person' | 'family';
  value: string | null;
  onChange: (id: string | null, text: string) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 250);
  const found = useQuery({
    queryKey: ['picker', q],
    queryFn: () => api<SearchResult>('GET', `/api/search?${new URLSearchParams({ q, limit: '15' })}`),
    enabled: q.length >= 2,
  });
  const [chosen, setChosen] = useState<{ value: string; label: string }[]>([]);
  const options =
    pick === 'person'
      ? (found.data?.results ?? []).map((p) => ({ value: p.personId, label: describe(p) }))
      : (found.data?.results ?? []).flatMap((p) =>
          p.cases.map((c) => ({
            value: c.familyId,
            label: `${c.familyName} (${describe(p)}) — ${c.centreName}`,
          })),
        );
  const unique = [...chosen, ...options].filter(
    (option, index, all) => all.findIndex((o) => o.value === option.value) === index,
  );
  return (
    <Select
      label={label}
      description={t('picker.hint')}
      searchable
      clearable
      filter={({ options: all }) => all}
      data={unique}
      value={value}
      searchValue={typed}
      onSearchChange={setTyped}
      nothingFoundMessage={q.length >= 2 && !found.isPending ? t('search.none') : undefined}
      onChange={(id) => {
        const option = unique.find((o) => o.value === id);
        if (option) setChosen([option]);
        onChange(id, option?.label ?? '');
      }}
      error={error}
    />
  );
}
