/** naive-ui's texts and date formats in the user's language, for the desk's and the centre's shell alike. */
import { computed } from 'vue';
import { dateEnUS, dateZhCN, enUS, zhCN } from 'naive-ui';
import { useSession } from './stores/session';

export function useNaiveLocale() {
  const session = useSession();
  return {
    locale: computed(() => (session.locale === 'zh-CN' ? zhCN : enUS)),
    dateLocale: computed(() => (session.locale === 'zh-CN' ? dateZhCN : dateEnUS)),
  };
}
