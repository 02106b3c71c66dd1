/** i18n key of an AI's title: a decimal-position AI (3102) shares its family's key (gs1.ai.3100). */
import { aiDef } from './ai-index';

export function aiTitleKey(ai: string): string {
  return `gs1.ai.${aiDef(ai)?.decimals ? ai.slice(0, 3) + '0' : ai}`;
}
