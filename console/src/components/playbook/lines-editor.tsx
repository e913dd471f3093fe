/** The fixed lines, each in both languages side by side, with the placeholders each may use. */
import { useI18n, type MessageKey } from '../../i18n';
import type { Playbook } from '../../types';
import { TextPair, WordsPair } from './fields';

type Lines = Playbook['lines'];
type TextLine = Exclude<keyof Lines, 'acknowledgements'>;

const LINES: Record<TextLine, { label: MessageKey; hint?: MessageKey }> = {
  greeting: { label: 'line.greeting', hint: 'settings.greetingHint' },
  offerBooking: { label: 'line.offerBooking' },
  community: { label: 'line.community', hint: 'line.communityHint' },
  handoffHuman: { label: 'line.handoffHuman' },
  handoffComplaint: { label: 'line.handoffComplaint' },
  handoffPricing: { label: 'line.handoffPricing' },
  handoffQuietHours: { label: 'line.handoffQuietHours', hint: 'line.quietHint' },
  allSet: { label: 'line.allSet' },
  mediaReceived: { label: 'line.mediaReceived' },
  voiceNoteUnheard: { label: 'line.voiceNoteUnheard' },
};

export function LinesEditor({ lines, onChange }: { lines: Lines; onChange(lines: Lines): void }) {
  const { t } = useI18n();
  return (
    <div className="items">
      {(Object.keys(LINES) as TextLine[]).map((key) => (
        <TextPair
          key={key}
          label={t(LINES[key].label)}
          hint={LINES[key].hint && t(LINES[key].hint)}
          path={`lines.${key}`}
          value={lines[key]}
          onChange={(value) => onChange({ ...lines, [key]: value })}
          long
        />
      ))}
      <WordsPair
        label={t('line.acknowledgements')}
        path="lines.acknowledgements"
        value={lines.acknowledgements}
        onChange={(acknowledgements) => onChange({ ...lines, acknowledgements })}
      />
    </div>
  );
}
