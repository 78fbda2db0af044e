import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('the organisation context over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('gives the context every page starts from', async () => {
    const clerk = await signIn(server.app, 'housing');
    const context = (await clerk.get('/api/context')).json();
    expect(context.org).toMatchObject({ code: 'shifanqu', shortName: '示范区' });
    expect(context.sections).toContainEqual({ code: 'housing', name: '住房保障股' });
    expect(context.period).toEqual({ year: 2021, through: 10, label: '2021年1－10月' });
    const complaints = context.ledgers.find((l: { code: string }) => l.code === 'complaints');
    expect(complaints.fields).toContainEqual(
      expect.objectContaining({ name: 'channel', type: 'enum', required: true, options: expect.any(Array) }),
    );
    expect(complaints.fields).toContainEqual(expect.objectContaining({ name: 'receivedAt', type: 'datetime' }));
    // A project's milestones: the stages and statuses come from the dataset schema, through the API.
    const projects = context.ledgers.find((l: { code: string }) => l.code === 'projects');
    const milestones = projects.fields.find((f: { name: string }) => f.name === 'milestones');
    expect(milestones).toMatchObject({ type: 'list' });
    expect(milestones.items.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual([
      'stage:enum',
      'status:enum',
      'plannedAt:date',
      'doneAt:date',
    ]);
    expect(milestones.items[0].options).toHaveLength(16);
    expect(milestones.items[1].options.map((o: { value: string }) => o.value)).toEqual(['计划', '进行中', '已完成']);
  });
});
