/** Where the audit trail's words live (messages/audit.ts): one place for the Audit screen and its test. */
export const commandLabelKey = (command: string): string => `ui.command.${command}`;
export const resultLabelKey = (result: string): string => `ui.audit.results.${result}`;
/** The words of a record's detail (AuditRow.detail), by the command that wrote it. */
export const detailLabelKey = (command: string): string => `ui.audit.details.${command}`;
