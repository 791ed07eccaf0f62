import { Group, Text, Textarea, type TextareaProps } from '@mantine/core';
import type { QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatDate } from '../../shared/i18n';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ModalButton } from './modal-button';
import { ReasonForm } from './reason-form';

interface VoidMark {
  at: string;
  byName: string;
  reason: string;
}

/**
 * Voids a record in a dialog asking why: it stays on record, struck through, and counts nowhere. `url` is
 * the record's void operation; `version` the one shown, so a stale screen is refused (409).
 */
export function VoidButton({
  url,
  version,
  subject,
  invalidates,
  onDone,
}: {
  url: string;
  version: number;
  /** What is voided, for the button's accessible name (e.g. "12.03.2026 Consultation"). */
  subject: string;
  /** The queries showing the record, read again once it is voided. */
  invalidates?: QueryKey[];
  onDone?: () => void;
}) {
  const { t } = useI18n();
  return (
    <ModalButton
      label={t('activity.void')}
      title={t('activity.void')}
      ariaLabel={`${t('activity.void')}: ${subject}`}
      buttonProps={{ size: 'xs', variant: 'default', color: 'red.8' }}
    >
      {(close) => (
        <VoidForm url={url} version={version} close={close} invalidates={invalidates} onDone={onDone} />
      )}
    </ModalButton>
  );
}

function VoidForm({
  url,
  version,
  close,
  invalidates,
  onDone,
}: {
  url: string;
  version: number;
  close: () => void;
  invalidates?: QueryKey[];
  onDone?: () => void;
}) {
  const { t } = useI18n();
  return (
    <ReasonForm
      explain={t('record.voidExplained')}
      reasonLabel={t('activity.reason')}
      submitLabel={t('activity.void')}
      send={(reason) => api('POST', url, { version, reason })}
      invalidates={invalidates}
      saved={t('record.voidedDone')}
      onDone={() => {
        close();
        onDone?.();
      }}
    />
  );
}

/** Who voided a record, when and why; nothing when it is not voided. */
export function VoidedNote({ voided }: { voided: VoidMark | null }) {
  const { t } = useI18n();
  if (!voided) return null;
  return (
    <Text size="sm" c="red.9" fw={600}>
      {t('activity.voided', {
        name: voided.byName,
        date: formatDate(voided.at.slice(0, 10)),
        reason: voided.reason,
      })}
    </Text>
  );
}

/**
 * Why a record is corrected: required when it is older than a week or counted in a published report.
 * Takes a form's input props (`form.getInputProps('reason')`) or a value and its change.
 */
export function ReasonField(props: Omit<TextareaProps, 'label' | 'description'>) {
  const { t } = useI18n();
  return <Textarea label={t('activity.reason')} description={t('activity.reasonHint')} autosize {...props} />;
}

/**
 * Edit and Void beside a record: the record's own form in a dialog (`children`, given `close`), and voiding
 * with a reason. `subject` names the record for both buttons' accessible names (e.g. "12.03.2026 Konsultācija").
 */
export function CorrectionActions({
  title,
  subject,
  size,
  voidUrl,
  version,
  invalidates,
  onVoided,
  children,
}: {
  title: string;
  subject: string;
  size?: string;
  voidUrl: string;
  version: number;
  /** The queries showing the record, read again once it is voided. */
  invalidates?: QueryKey[];
  onVoided?: () => void;
  children: (close: () => void) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Group gap={4} wrap="nowrap">
      <ModalButton
        label={t('common.edit')}
        title={title}
        ariaLabel={`${title}: ${subject}`}
        buttonProps={{ size: 'xs', variant: 'default' }}
        size={size}
      >
        {children}
      </ModalButton>
      <VoidButton
        url={voidUrl}
        version={version}
        subject={subject}
        invalidates={invalidates}
        onDone={onVoided}
      />
    </Group>
  );
}
