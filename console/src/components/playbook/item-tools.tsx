/** Up, down and remove buttons for one item of a list in the playbook editor. */
import { useI18n } from '../../i18n';

export function ItemTools({
  index,
  count,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  return (
    <span className="item-tools">
      <button
        type="button"
        className="link"
        disabled={index === 0}
        onClick={() => onMove(-1)}
        aria-label={t('playbook.moveUp')}
        title={t('playbook.moveUp')}
      >
        ↑
      </button>
      <button
        type="button"
        className="link"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
        aria-label={t('playbook.moveDown')}
        title={t('playbook.moveDown')}
      >
        ↓
      </button>
      <button type="button" className="link danger" onClick={onRemove}>
        {t('settings.remove')}
      </button>
    </span>
  );
}
