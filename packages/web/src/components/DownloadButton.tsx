import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorMessage } from './states.js';

/** Saves a blob under a name, as a link the browser downloads. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Fetches a file and saves it; a refusal (a PDF with no LibreOffice on the server, a
 * report still missing figures) shows the server's message instead of a page of JSON.
 */
export function DownloadButton({
  fetchFile,
  fallbackName,
  children,
  testId,
  type,
}: {
  fetchFile: () => Promise<{ blob: Blob; filename: string | undefined }>;
  fallbackName: string;
  children: ReactNode;
  testId?: string;
  type?: 'primary' | 'default';
}) {
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const download = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await fetchFile();
      saveBlob(blob, filename ?? fallbackName);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={download} data-testid={testId} type={type}>
      {children}
    </Button>
  );
}
