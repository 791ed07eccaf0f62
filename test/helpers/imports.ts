import type { ImportJobView } from '../../src/shared/contracts/imports';
import { type Caller, json } from './app';

/** Sends a spreadsheet as the web page does: the body is the file itself. */
export const upload = (caller: Caller, url: string, file: string | Buffer) =>
  caller.request('POST', url, typeof file === 'string' ? Buffer.from(file) : file, {
    'content-type': 'application/octet-stream',
  });

/** Follows an import job until it ends, as the page's progress bar does. */
export async function finished(caller: Caller, id: string): Promise<ImportJobView> {
  for (;;) {
    const job = json<ImportJobView>(await caller.get(`/api/imports/jobs/${id}`));
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
