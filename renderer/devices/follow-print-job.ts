/** Follows a print job until the printer answered (printed or failed), or ~`seconds` passed; each state goes to `seen`. */
import type { PrintJobView } from '../../src/contract/results';
import { api } from '../api';

export async function followPrintJob(start: PrintJobView, seen: (job: PrintJobView) => void, seconds = 30): Promise<PrintJobView> {
  let job = start;
  seen(job);
  for (let i = 0; i < seconds * 4 && job.status === 'queued'; i++) {
    await new Promise((r) => setTimeout(r, 250));
    job = await api.call('print.job', { jobId: job.id });
    seen(job);
  }
  return job;
}
