/** The bin kinds as select options in the user's language. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { BIN_KINDS } from '../../src/domain/bin-kinds';

export function useKindOptions() {
  const { t } = useI18n();
  return computed(() => BIN_KINDS.map((k) => ({ value: k, label: t(`ui.locations.kind.${k}`) })));
}
