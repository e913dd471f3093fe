/** Talk to the assistant as a customer through the sandbox channel; the lead panel updates as it judges. */
import { TryItChat } from '../components/try-it-chat';
import { useI18n } from '../i18n';
import type { Workspace } from '../types';

export function TryItScreen({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  return (
    <div className="thread-layout try-it">
      <TryItChat workspace={workspace} title={t('try.title')} />
    </div>
  );
}
