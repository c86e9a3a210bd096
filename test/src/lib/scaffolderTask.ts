/** Runs a template through the real scaffolder backend's HTTP API and waits for the task to end. */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';

export interface FinishedTask {
  id: string;
  status: string;
  output: any;
  /** Every event's message, for assertions on what the steps logged. */
  log: string;
  steps: Record<string, string>;
}

export async function runTemplateTask(
  server: any,
  templateRef: string,
  values: Record<string, unknown>,
  timeoutMs = 60_000,
): Promise<FinishedTask> {
  const auth = mockCredentials.user.header();
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send({ templateRef, values });
  if (created.status !== 201)
    throw new Error(`task not created: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const deadline = Date.now() + timeoutMs;
  let task: any;
  do {
    await new Promise(r => setTimeout(r, 250));
    task = (
      await request(server)
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('Authorization', auth)
    ).body;
  } while (
    !['completed', 'failed', 'cancelled'].includes(task.status) &&
    Date.now() < deadline
  );
  const events = (
    await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('Authorization', auth)
  ).body as any[];
  const steps: Record<string, string> = {};
  for (const e of events) {
    if (e.body?.stepId && e.body?.status) steps[e.body.stepId] = e.body.status;
  }
  return {
    id,
    status: task.status,
    output: events.find(e => e.type === 'completion')?.body?.output,
    log: events.map(e => e.body?.message ?? '').join('\n'),
    steps,
  };
}

/** Fails with the end of the task's log unless it completed. */
export function expectCompleted(task: FinishedTask): void {
  expect([
    task.status,
    task.status === 'completed' ? '' : task.log.slice(-2000),
  ]).toEqual(['completed', '']);
}
