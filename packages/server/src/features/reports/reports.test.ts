import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('the report over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('previews the report as HTML and downloads it as Markdown and DOCX', async () => {
    const clerk = await signIn(server.app, 'quality');
    const preview = (await clerk.get('/api/reports/preview?year=2021&through=10')).json();
    expect(preview.html).toContain('<!DOCTYPE html>');
    expect(preview.html).toContain('工作总结');
    expect(preview.missing).toEqual([]);
    const md = await clerk.get('/api/reports/download?year=2021&through=10&format=md');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(String(md.headers['content-disposition']))).toContain('示范区2021年1－10月工作总结.md');
    expect(md.body).toContain('工作总结');
    const docx = await clerk.get('/api/reports/download?year=2021&through=10&format=docx');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
