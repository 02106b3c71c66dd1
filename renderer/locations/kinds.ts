/** The bin kinds as select options in the user's language. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { SelectGroupOption, SelectOption } from 'naive-ui';
import { BIN_KINDS } from '../../src/domain/bin-kinds';
import { nodeAttrs } from '../test-id';

export function useKindOptions() {
  const { t } = useI18n();
  return computed(() => BIN_KINDS.map((k) => ({ value: k, label: t(`ui.locations.kind.${k}`) })));
}

/** Each option of a select is `option` with its value, for the tests. */
export const optionAttrs = (o: SelectOption | SelectGroupOption) => nodeAttrs('option', { 'data-value': String(o.value ?? '') });
