import { Combobox, Group, Loader, Text, TextInput, useCombobox, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useId } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { FamilyHit, QuickSearchResult } from '../../../shared/contracts/registry';
import { formatDate } from '../../../shared/i18n';
import { api } from '../../api';
import { useMembersText } from '../../components/family-glance';
import { useI18n } from '../../i18n';

/** The query keys of this feature: what the header's search asked. */
export const searchKeys = {
  all: ['quick-search'] as const,
  quick: (q: string) => [...searchKeys.all, q] as const,
};

/**
 * The search box in the header (issue 17, item 2): from any page, a family by a member's name, its case
 * number or a personal code, as one types; focused with nothing typed, the cases opened lately. A
 * combobox: arrows move through the families, Enter opens one, Escape closes the list. Each family is
 * told apart by its number, centre, key worker, members and last contact.
 */
export function HeaderSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const listName = useId();
  const found = useQuery({
    queryKey: searchKeys.quick(q),
    queryFn: () => api<QuickSearchResult>('GET', `/api/quick-search?${new URLSearchParams({ q })}`),
    enabled: combobox.dropdownOpened && (q.length === 0 || q.length >= 2),
    staleTime: q ? 10_000 : 0,
  });
  const hits = q ? (found.data?.results ?? []) : (found.data?.recent ?? []);
  const message =
    q.length >= 2 && found.isFetching
      ? t('quickSearch.searching')
      : q.length >= 2 && found.isSuccess
        ? t('quickSearch.none')
        : null;
  const open = (caseId: string) => {
    combobox.closeDropdown();
    setTyped('');
    void navigate({ to: '/cases/$caseId', params: { caseId } });
  };
  return (
    <Combobox store={combobox} onOptionSubmit={open} width={420} position="bottom-end">
      <Combobox.Target>
        <TextInput
          aria-label={t('quickSearch.label')}
          placeholder={t('quickSearch.placeholder')}
          size="xs"
          w={{ base: 150, sm: 260 }}
          value={typed}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={found.isFetching ? <Loader size={12} aria-hidden /> : null}
        />
      </Combobox.Target>
      {/* A list only when there are families to choose; otherwise a status line (an empty listbox is not allowed). */}
      <Combobox.Dropdown hidden={hits.length === 0 && !message}>
        {hits.length > 0 ? (
          <>
            <VisuallyHidden id={listName}>
              {t(q ? 'quickSearch.results' : 'quickSearch.recent')}
            </VisuallyHidden>
            <Combobox.Options labelledBy={listName}>
              <Combobox.Group label={t(q ? 'quickSearch.results' : 'quickSearch.recent')}>
                {hits.map((hit) => (
                  <Combobox.Option key={hit.caseId} value={hit.caseId}>
                    <FamilyLine hit={hit} />
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            </Combobox.Options>
          </>
        ) : (
          <Text size="sm" p="xs" role="status">
            {message}
          </Text>
        )}
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** One family: name and case number, then centre, key worker, members and last contact. */
export function FamilyLine({ hit }: { hit: FamilyHit }) {
  const { t } = useI18n();
  const members = useMembersText();
  return (
    <div>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          {hit.familyName}
        </Text>
        <Text size="xs" c="dimmed">
          {t('quickSearch.case', { number: hit.number })} · {t(`status.${hit.status}`)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {[
          hit.centreName,
          hit.keyWorkerName,
          members(hit.adults, hit.childAges),
          hit.lastContact
            ? t('quickSearch.lastContact', { date: formatDate(hit.lastContact) })
            : t('quickSearch.noContact'),
        ].join(' · ')}
      </Text>
    </div>
  );
}
